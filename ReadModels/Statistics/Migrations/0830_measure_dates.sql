-- Every listing, consumption restriction and exit ban a subject holds (ended ones too), with the day the statistics count it
-- on: a listing its publication date (Art. 6: the date it went on the public list), a restriction the day it is effective
-- from, an exit ban its start date. The subject projection writes a subject's rows in the same transaction as the change log,
-- rewriting them when a correction moves a date; ./credit reconcile compares them with the stored state and repairs them.
-- The month a measure was recorded on the platform counts for nothing: a bulk load of old listings is not "newly listed".
CREATE TABLE IF NOT EXISTS measure_dates (
    item_id      uuid  PRIMARY KEY,     -- the listing, restriction or ban
    subject_key  text  NOT NULL,
    measure      text  NOT NULL,        -- Listing, Restriction or ExitBan
    court        text  NOT NULL,        -- the court whose measure it is
    counted_on   date  NOT NULL
);
CREATE INDEX IF NOT EXISTS measure_dates_statistics ON measure_dates (court, counted_on) INCLUDE (measure);

-- The measures held before this table existed, from the subjects' stored state (JSON, as SubjectState is serialised). Should
-- a state not read as expected, the platform still starts: the back-fill is left whole to ./credit reconcile, which writes
-- every row from the state as the platform reads it.
DO $$
BEGIN
    INSERT INTO measure_dates (item_id, subject_key, measure, court, counted_on)
    SELECT m.item_id, s.subject_key, m.measure, m.court, m.counted_on
    FROM (SELECT grainidextensionstring AS subject_key, convert_from(payloadbinary, 'UTF8')::json AS state
          FROM orleansstorage WHERE graintypestring = 'subject' AND payloadbinary IS NOT NULL) s
    CROSS JOIN LATERAL (
        SELECT (l->>'Id')::uuid, 'Listing', l->>'Court', (l->>'PublicationDate')::date FROM json_array_elements(s.state->'Listings') l
        UNION ALL
        SELECT (r->>'Id')::uuid, 'Restriction', r->>'Court', (r->>'EffectiveFrom')::date FROM json_array_elements(s.state->'Restrictions') r
        UNION ALL
        SELECT (b->>'Id')::uuid, 'ExitBan', b->>'Court', (b->>'StartDate')::date FROM json_array_elements(s.state->'ExitBans') b
    ) m(item_id, measure, court, counted_on)
    ON CONFLICT (item_id) DO NOTHING;
EXCEPTION WHEN others THEN
    RAISE WARNING 'measure_dates was not back-filled from the stored subject states (%): run ./credit reconcile', SQLERRM;
END
$$;

-- The statistics no longer count the change log's rows; its index for them only slowed every append.
DROP INDEX IF EXISTS change_log_statistics;
