-- The number pair the HTTP door accepted a request for, so that the same request id for another
-- pair is refused while the first is pending. Rows accepted before have none, and take the pair
-- of the next request with their id.
ALTER TABLE http_request ADD COLUMN from_number VARCHAR(16);
ALTER TABLE http_request ADD COLUMN to_number VARCHAR(16);
