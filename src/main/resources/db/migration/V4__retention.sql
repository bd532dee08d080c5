-- Retention finds closed outreaches through this index: open ones by state and age, oldest
-- first, and abandoned pending ones through its state prefix (pending rows are few: those in
-- flight and those abandoned). Checkpoints change neither column, so they stay cheap updates.
-- request_outcome (completed_at) and http_request (accepted_at) have their indexes already.
-- Built in one go, as H2 knows no CONCURRENTLY: on a large outreach table, writes to it wait
-- while it builds.
CREATE INDEX outreach_state_opened_at ON outreach (state, opened_at);

-- ShedLock's lock rows (one per job), so that one worker instance at a time runs retention.
-- Its times are written and compared on the database's clock, as leases are.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT shedlock_pk PRIMARY KEY (name)
);
