-- A request whose first message Twilio refused because the customer opted out (21610) ends
-- FAILED, and every copy of it must fail the same way without trying again: its outcome is
-- stored, its refusal in message_error.
ALTER TABLE request_outcome DROP CONSTRAINT request_outcome_check;
ALTER TABLE request_outcome ADD CONSTRAINT request_outcome_check CHECK (outcome IN ('CREATED', 'REUSED', 'FAILED'));

-- The conversation of an open flex-conversations outreach, so that Twilio's
-- onConversationStateUpdated webhook closes the pair's outreach by the conversation's SID.
-- Written when the outreach opens, cleared when it is replaced; NULL for flex-legacy and for
-- outreaches opened before this column (those are still checked with a fetch on reuse).
ALTER TABLE outreach ADD COLUMN conversation_sid VARCHAR(34);

CREATE INDEX outreach_conversation_sid ON outreach (conversation_sid);
