-- Every subscription's position is rewritten about once a second while it delivers: room left on each page lets PostgreSQL
-- write the new row version beside the old one without touching the indexes (a HOT update; position is in none of them).
ALTER TABLE webhook_subscriptions SET (fillfactor = 40);
