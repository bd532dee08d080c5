-- Campaigns an operator can pause, resume or cancel, on every instance: the state, and the
-- total when the producer registered it.
CREATE TABLE campaign (
    campaign_id VARCHAR(64) NOT NULL,
    state       VARCHAR(16) NOT NULL,
    total       BIGINT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_pk PRIMARY KEY (campaign_id)
);

-- Each settled request of a campaign, once, by its latest outcome: the counts are read from
-- here, so a redelivered request is never counted twice.
CREATE TABLE campaign_request (
    campaign_id VARCHAR(64)  NOT NULL,
    request_id  VARCHAR(128) NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    settled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_request_pk PRIMARY KEY (campaign_id, request_id)
);
