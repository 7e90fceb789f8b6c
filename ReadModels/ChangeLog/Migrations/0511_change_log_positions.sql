-- Change-log positions without serialising writers.
--
-- Positions used to come from a one-row head table whose row lock each projection held until it committed, so that
-- positions became visible in order: every court change waited for the one before it to commit, write-ahead-log flush
-- included (2.7 ms on the embedded default's disk), which capped the platform at a few hundred changes per second.
--
-- Now a writer takes its positions from a sequence, and readers stop at a safe point instead:
--  * change_log_take(n) is the first write of a writing transaction. Under a short exclusive advisory lock it gives the
--    transaction its transaction ID and takes n consecutive positions, so that among writers the order of transaction IDs
--    is the order of positions. The lock is released at once, not at commit.
--  * Every change row records its writer's transaction ID (column writer, 0 for rows older than this script).
--  * change_log_horizon() is the oldest transaction ID that may still be running in this database, as the reader's
--    snapshot sees it. A row whose writer is below it was committed before the snapshot; and since IDs and positions
--    rise together, so was every row at a lower position. Readers take rows WHERE writer < horizon, in position order:
--    they never see a position before a lower one that commits later, and never skip one.
--  * change_log_safe_head(horizon) is the highest position so read: every position up to it that will ever hold a
--    change is visible now. It is the position a snapshot is exact at, and how far a feed may say it has read.
-- A position taken by a transaction that rolls back stays unused: readers pass over it, as they do over the positions
-- a reconciliation repair takes (0340_interception_repairs.sql), which have no change_log row.

CREATE SEQUENCE IF NOT EXISTS change_log_positions AS bigint;
SELECT CASE WHEN taken > 0 THEN setval('change_log_positions', taken) ELSE setval('change_log_positions', 1, false) END
FROM (SELECT greatest((SELECT last FROM change_log_head WHERE id = 1), (SELECT max(position) FROM change_log),
                      (SELECT max(position) FROM interception_changes), 0) AS taken) t;

ALTER TABLE change_log ADD COLUMN IF NOT EXISTS writer xid8 NOT NULL DEFAULT '0';
ALTER TABLE change_log ALTER COLUMN writer SET DEFAULT pg_current_xact_id();

-- The advisory lock (5001031, 1) orders writers; (5001032, hash of the subject key) are the subjects' projection locks
-- (SubjectProjectionLock.cs).
CREATE OR REPLACE FUNCTION change_log_take(count int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    last bigint;
BEGIN
    IF count IS NULL OR count < 1 THEN
        RAISE EXCEPTION 'change_log_take takes at least one position, not %', count;
    END IF;
    -- An ID given earlier could be lower than one given to a writer that takes its positions first.
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        RAISE EXCEPTION 'change_log_take must be the first write of its transaction';
    END IF;
    PERFORM pg_advisory_lock(5001031, 1);
    BEGIN
        PERFORM pg_current_xact_id();
        last := nextval('change_log_positions');
        IF count > 1 THEN
            last := setval('change_log_positions', last + count - 1);
        END IF;
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        -- A session lock outlives the transaction: never leave it held.
        PERFORM pg_advisory_unlock(5001031, 1);
        RAISE;
    END;
    PERFORM pg_advisory_unlock(5001031, 1);
    RETURN last;
END
$$;

-- The transactions still running in the reader's snapshot, but for those another database's backends are running now
-- (a server shared by several databases, as the tests' is): the oldest of them, or the snapshot's end if none. A
-- transaction that ended since the snapshot was taken is kept, so the answer errs only towards waiting.
CREATE OR REPLACE FUNCTION change_log_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $$
    SELECT coalesce(min(x.id), pg_snapshot_xmax(pg_current_snapshot()))
    FROM pg_snapshot_xip(pg_current_snapshot()) AS x(id)
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_stat_get_activity(NULL) a
        WHERE a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
          AND a.backend_xid::text::bigint = x.id::text::bigint % 4294967296)
$$;

CREATE OR REPLACE FUNCTION change_log_safe_head(horizon xid8) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT greatest((SELECT coalesce(max(position), 0) FROM change_log WHERE writer < horizon),
                    (SELECT coalesce(max(position), 0) FROM interception_changes WHERE writer < horizon))
$$;

-- The newest position any writer has taken, committed or not: no reader was ever given a position beyond it.
CREATE OR REPLACE FUNCTION change_log_newest() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM change_log_positions
$$;

DROP TABLE IF EXISTS change_log_head;
