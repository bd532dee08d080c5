-- One row per number pair: the pair's current outreach, its progress at Twilio and its lease.
CREATE TABLE outreach (
    from_number      VARCHAR(16)   NOT NULL,
    to_number        VARCHAR(16)   NOT NULL,
    backend          VARCHAR(32)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    owner_request_id VARCHAR(128)  NOT NULL,
    progress         VARCHAR(4000) NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    fence            BIGINT        NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE,
    checked_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT outreach_pk PRIMARY KEY (from_number, to_number),
    CONSTRAINT outreach_state_check CHECK (state IN ('PENDING', 'OPEN'))
);

-- One row per completed request, so a redelivery is answered with the same outcome and SIDs.
CREATE TABLE request_outcome (
    request_id   VARCHAR(128)  NOT NULL,
    from_number  VARCHAR(16)   NOT NULL,
    to_number    VARCHAR(16)   NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    backend      VARCHAR(32)   NOT NULL,
    sids         VARCHAR(4000) NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT request_outcome_pk PRIMARY KEY (request_id),
    CONSTRAINT request_outcome_check CHECK (outcome IN ('CREATED', 'REUSED'))
);

CREATE INDEX request_outcome_completed_at ON request_outcome (completed_at);
