-- The change-log horizon waits only for transactions that can still take positions.
--
-- change_log_horizon() (0511_change_log_positions.sql) was the oldest transaction of the reader's snapshot still running in
-- this database, whatever it wrote: an Orleans grain-state upsert, a partner projector's batch, a webhook's bookkeeping or an
-- operator's forgotten psql session held every feed, snapshot and index back for as long as it stayed open.
--
-- A transaction can take positions only while it has no transaction ID (change_log_take is its first write and refuses
-- otherwise). So a position taker now also takes a shared transaction-level advisory lock (5001033, 1) before it gets its
-- ID, and holds it to its end; writers share it and never wait on it. A transaction of the snapshot is then passed over
-- when it is seen running now, in this database, by a backend that did not hold that lock a moment before:
--  * the lock table is read first, then (with a fresh read of the backends' status, which PostgreSQL otherwise caches for
--    the whole transaction) the running transaction IDs. A taker of the snapshot got its lock before its ID, hence before the
--    snapshot and before the lock table was read, and holds it until it ends; so if its backend is still seen running it, the
--    lock table showed that backend holding the lock. Read the other way round, a taker that ended between the two reads
--    and a backend that started something else could make a taker look like a non-taker, and its rows would be passed.
--  * a transaction that ended since the snapshot is kept, as before: the answer errs only towards waiting.
--  * another database's transactions are passed over when their backend is seen running them, as before.

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
    -- Marks this transaction as a position taker for the readers' horizon, before it has an ID, until it ends.
    PERFORM pg_advisory_xact_lock_shared(5001033, 1);
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

-- STABLE: its statements see the caller's snapshot, which is the one whose running transactions it weighs. Steps in order
-- (see above): the takers' lock, then a fresh read of the backends.
CREATE OR REPLACE FUNCTION change_log_horizon() RETURNS xid8 LANGUAGE plpgsql STABLE AS $$
DECLARE
    snapshot pg_snapshot := pg_current_snapshot();
    here oid;
    takers int[];
    horizon xid8;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(snapshot)) THEN
        RETURN pg_snapshot_xmax(snapshot);
    END IF;
    SELECT oid INTO here FROM pg_database WHERE datname = current_database();
    SELECT coalesce(array_agg(l.pid), '{}') INTO takers
    FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.database = here AND l.classid = 5001033 AND l.objid = 1 AND l.objsubid = 2 AND l.granted;
    PERFORM pg_stat_clear_snapshot();
    SELECT coalesce(min(x.id), pg_snapshot_xmax(snapshot)) INTO horizon
    FROM pg_snapshot_xip(snapshot) AS x(id)
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_stat_get_activity(NULL) a
        WHERE a.backend_xid::text::bigint = x.id::text::bigint % 4294967296
          AND (a.datid <> here OR (a.datid = here AND a.pid <> ALL (takers))));
    RETURN horizon;
END
$$;
