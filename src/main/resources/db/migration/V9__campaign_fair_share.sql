-- The bulk lane's fair-share queue each campaign's requests wait in, as the first instance
-- to see the campaign chose it: every instance forwards the campaign's requests there.
ALTER TABLE campaign ADD COLUMN fair_share INTEGER;
