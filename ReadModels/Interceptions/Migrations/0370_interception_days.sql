-- Holds carry their first and last day, and a hold is in force only between them (an exit ban may be decided to start
-- next month). The interception read model keeps every active hold, started or not; what an agency sees is the holds
-- in force on a day. So each row records the day its view was taken, and each change the days of its two views: a
-- change may be time alone moving the view (a ban began, a hold passed its last day), with the same holds on both sides.
-- The defaults (today in China) serve rows written without the days, by an older platform during an upgrade.

-- The China date on which the subject's row was last projected: its holds in force that day are what agencies following
-- the changes were last told.
ALTER TABLE intercepted_subjects ADD COLUMN IF NOT EXISTS as_of date NOT NULL DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date;

-- The days on which holds_before and holds_after are read. Earlier changes read both on the day they were logged.
ALTER TABLE interception_changes ADD COLUMN IF NOT EXISTS before_on date;
ALTER TABLE interception_changes ADD COLUMN IF NOT EXISTS after_on date;
UPDATE interception_changes SET before_on = (changed_at AT TIME ZONE 'Asia/Shanghai')::date,
                                after_on = (changed_at AT TIME ZONE 'Asia/Shanghai')::date
 WHERE before_on IS NULL OR after_on IS NULL;
ALTER TABLE interception_changes ALTER COLUMN before_on SET DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date,
                                 ALTER COLUMN before_on SET NOT NULL,
                                 ALTER COLUMN after_on SET DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date,
                                 ALTER COLUMN after_on SET NOT NULL;
