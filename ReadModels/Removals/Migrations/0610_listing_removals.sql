-- Every listing that left the list, as the subject projection writes it in the same transaction as the change log: which
-- court's listing, who removed it, why, the day of the event the removal follows (Arts. 9, 10 ¶1: removed within 3 working
-- days of it) and when. The courts' report of late removals and the statistics read it. Removals made before this table
-- existed are not in it.
CREATE TABLE IF NOT EXISTS listing_removals (
    listing_id        uuid          PRIMARY KEY,
    subject_key       text          NOT NULL,
    court             text          NOT NULL,     -- the enforcing court whose listing it was
    removed_by        text          NOT NULL,     -- the court that removed it (the court above, on its order under Art. 12)
    case_number       text          NOT NULL,
    reason            text          NOT NULL,
    event_date        date,
    removed_at        timestamptz   NOT NULL,
    removed_on        date          NOT NULL,     -- China date of removed_at
    amount_owed       numeric(16,2) NOT NULL,
    amount_performed  numeric(16,2) NOT NULL
);
CREATE INDEX IF NOT EXISTS listing_removals_court ON listing_removals (court, removed_on);
