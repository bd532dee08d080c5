-- Every fencing token comes from this sequence, so that a token never repeats for a pair, even
-- after the pair's row was deleted and made again. Tokens written before it counted up from 1 by
-- one per take-over, far below where it starts.
CREATE SEQUENCE outreach_fence START WITH 1000000000;

-- Why the first message was refused although the outreach exists (JSON: code, message,
-- twilioCode, twilioStatus), so every copy of the request gets the same answer.
ALTER TABLE request_outcome ADD COLUMN message_error VARCHAR(2000);
