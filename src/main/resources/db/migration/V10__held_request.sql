-- Requests that may not be sent yet (their lane's send window is closed in the customer's
-- time, or their notBefore has not come): the message as delivered, one row per request,
-- until a releaser publishes it to its lane again and deletes the row. The claim keeps
-- other instances' releasers off a row while one publishes it.
CREATE TABLE held_request (
    request_id    VARCHAR(128)   NOT NULL,
    lane          VARCHAR(16)    NOT NULL,
    reason        VARCHAR(16)    NOT NULL,
    release_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    held_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    body          BYTEA          NOT NULL,
    properties    VARCHAR(65536) NOT NULL,
    claimed_by    VARCHAR(64),
    claimed_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT held_request_pk PRIMARY KEY (request_id)
);

CREATE INDEX held_request_release_at ON held_request (release_at);
