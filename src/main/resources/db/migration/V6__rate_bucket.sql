-- Token buckets for Twilio's per-account rates (one row per endpoint, one per paced sender),
-- shared by the worker instances on PostgreSQL. Tokens are taken and refilled by one UPDATE on
-- the database's clock (see PostgresRateBuckets); rows are made on first use. The embedded
-- store serves one instance, which keeps its buckets in memory: there the table stays empty.
CREATE TABLE rate_bucket (
    name        VARCHAR(200)             NOT NULL,
    tokens      DOUBLE PRECISION         NOT NULL,
    refilled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rate_bucket_pk PRIMARY KEY (name)
);
