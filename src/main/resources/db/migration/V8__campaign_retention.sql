-- Retention finds campaigns' old rows through their age, as it does every other kind.
CREATE INDEX campaign_request_settled_at ON campaign_request (settled_at);

CREATE INDEX campaign_changed_at ON campaign (changed_at);
