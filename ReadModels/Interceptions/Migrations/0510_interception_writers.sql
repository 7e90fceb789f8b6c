-- Changes carry the transaction that wrote them, so that readers stop before the changes of transactions still open
-- (see ChangeLog/Migrations/0511_change_log_positions.sql). Rows written before this script are all committed: '0'.
ALTER TABLE interception_changes ADD COLUMN IF NOT EXISTS writer xid8 NOT NULL DEFAULT '0';
ALTER TABLE interception_changes ALTER COLUMN writer SET DEFAULT pg_current_xact_id();

-- The agencies' read model as it stood at change-log position n, read in a snapshot that may already hold later changes
-- (committed by writers that took their positions after a writer still open when the snapshot began): a subject's row
-- as it is if no change after n touched it, else as its first change after n found it (holds, triggers and name before;
-- document, number, sex and birth date are the change's, since a change of identity is written as a removal and an
-- addition). A subject that had no row then (triggers 0 before its first change after n) has none here. Snapshot at n
-- plus the changes after n is then exactly the current state, in whatever order writers commit.
CREATE OR REPLACE FUNCTION intercepted_subjects_at(n bigint)
RETURNS TABLE (subject_key text, document_type text, id_number text, name text, sex text, birth_date date, triggers int, holds json)
LANGUAGE sql STABLE AS $$
    SELECT s.subject_key, s.document_type, s.id_number, s.name, s.sex, s.birth_date, s.triggers, s.holds
    FROM intercepted_subjects s
    WHERE s.position <= n
    UNION ALL
    SELECT f.subject_key, f.document_type, f.id_number, f.name_before, f.sex, f.birth_date, f.triggers_before, f.holds_before
    FROM (SELECT DISTINCT ON (c.subject_key) c.subject_key, c.document_type, c.id_number, c.name_before, c.sex, c.birth_date, c.triggers_before,
                 c.holds_before
          FROM interception_changes c
          WHERE c.position > n
          ORDER BY c.subject_key, c.position) f
    WHERE f.triggers_before <> 0
$$;
