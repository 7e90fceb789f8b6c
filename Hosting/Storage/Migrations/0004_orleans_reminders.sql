-- 0004: reminder table, routines and queries of Microsoft.Orleans.Reminders.AdoNet 10.4.2.
--
-- Contract (read from the 10.4.2 provider): reads use the columns GrainId, ReminderName,
-- StartTime, Period (read as a 64-bit integer: milliseconds) and Version; the upsert returns a
-- column named Version; the single delete returns one integer column (> 0 = deleted).
-- 10.4.2 binds only @ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash,
-- @BeginHash, @EndHash and @Version: no cron/priority parameters, so none appear below.
-- Safe to run more than once (requires 0001).

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,  -- GrainId.ToString(), e.g. "type/key"
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,  -- first due time (UTC)
    Period       bigint         NOT NULL,  -- milliseconds (may exceed int32)
    GrainHash    integer        NOT NULL,  -- uniform hash of the grain id, as signed int32
    Version      integer        NOT NULL,  -- ETag: 0 on insert, +1 on each upsert
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Serves the hash-range reads each silo does for its share of the ring.
CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Inserts or replaces a reminder; returns its new version (ETag).
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    StartTimeArg    timestamptz,
    PeriodArg       bigint,
    GrainHashArg    integer)
RETURNS TABLE(version integer)
LANGUAGE sql
AS $fn$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (ServiceIdArg, GrainIdArg, ReminderNameArg, StartTimeArg, PeriodArg, GrainHashArg, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period    = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version   = r.Version + 1
    RETURNING r.Version;
$fn$;

-- Deletes a reminder if its version still matches; returns the number of rows deleted.
CREATE OR REPLACE FUNCTION delete_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE sql
AS $fn$
    WITH removed AS (
        DELETE FROM OrleansRemindersTable AS r
         WHERE r.ServiceId = ServiceIdArg
           AND r.GrainId = GrainIdArg
           AND r.ReminderName = ReminderNameArg
           AND r.Version = VersionArg
        RETURNING 1
    )
    SELECT count(*)::integer FROM removed;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Insert or update; one row with column Version.
('UpsertReminderRowKey', $q$
    SELECT version AS Version
      FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime,
                               CAST(@Period AS bigint), @GrainHash);
$q$),

-- All reminders of one grain.
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId;
$q$),

-- One reminder of one grain.
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName;
$q$),

-- Ring range that does not wrap (signed @BeginHash < @EndHash): (begin, end].
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
       AND GrainHash <= @EndHash;
$q$),

-- Ring range that wraps around (signed @BeginHash >= @EndHash): (begin, max] + [min, end].
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Delete one reminder if @Version matches; one row, one column (1 = deleted, 0 = not).
('DeleteReminderRowKey', $q$
    SELECT row_count
      FROM delete_reminder_row(@ServiceId, @GrainId, @ReminderName, @Version);
$q$),

-- Delete every reminder of the service (tests and tooling).
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
