-- What the agencies enforce. Written by the subject projection in the same transaction as the change
-- log, so a snapshot of intercepted_subjects read together with change_log_head.last is exact as of that
-- position, and interception_changes after it are exactly what changed since.

-- Every subject that at least one measure applies to now, with its holds (JSON InterceptionHold[]).
CREATE TABLE IF NOT EXISTS intercepted_subjects (
    subject_key    text PRIMARY KEY,
    document_type  text    NOT NULL,
    id_number      text    NOT NULL,
    name           text    NOT NULL,
    sex            text,
    birth_date     date,
    triggers       int     NOT NULL,        -- InterceptionTriggers flags: 1 listed, 2 consumption-restricted, 4 exit-banned
    holds          jsonb   NOT NULL,
    position       bigint  NOT NULL         -- change-log position of the change that made this state
);
CREATE INDEX IF NOT EXISTS ix_intercepted_subjects_id_number ON intercepted_subjects (id_number);

-- One row per projection that changed a subject's interception state, at the change-log position of its
-- last change. Holds before and after let each agency tell added, changed and removed for its own measures.
CREATE TABLE IF NOT EXISTS interception_changes (
    position         bigint PRIMARY KEY,
    subject_key      text    NOT NULL,
    document_type    text    NOT NULL,
    id_number        text    NOT NULL,
    name             text    NOT NULL,
    name_before      text    NOT NULL,          -- a corrected name is a change for agencies that receive names
    sex              text,
    birth_date       date,
    triggers_before  int     NOT NULL,
    triggers_after   int     NOT NULL,
    holds_before     jsonb   NOT NULL,
    holds_after      jsonb   NOT NULL,
    changed_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS ix_interception_changes_subject ON interception_changes (subject_key, position);
