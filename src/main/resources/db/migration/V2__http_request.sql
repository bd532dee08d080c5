-- The requests the HTTP door accepted: pending until a result event arrives, and the failure
-- when it said so (successes are in request_outcome).
CREATE TABLE http_request (
    request_id      VARCHAR(128)  NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failure_code    VARCHAR(32),
    failure_message VARCHAR(1000),
    failed_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT http_request_pk PRIMARY KEY (request_id)
);

CREATE INDEX http_request_accepted_at ON http_request (accepted_at);
