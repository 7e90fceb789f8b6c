-- 0002: membership tables, routines and queries of Microsoft.Orleans.Clustering.AdoNet 10.4.2.
--
-- Contract (read from the 10.4.2 provider): result columns are read by name, parameters are
-- bound by name, and the insert/update queries must return one row with one integer column
-- (> 0 = success, 0 = lost the optimistic race on the table version).
-- 10.4.2 passes no MetadataJson parameter: the queries below must not reference one.
-- Safe to run more than once (requires 0001).

-- One row per deployment (cluster id); Version is the optimistic-concurrency token of the
-- whole membership table and is bumped by every successful membership write.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,  -- IPv4 or IPv6 text
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,  -- Orleans SiloStatus: 3 = Active, 6 = Dead
    ProxyPort    integer        NULL,      -- gateway port, 0 when the silo is no gateway
    SuspectTimes varchar(8000)  NULL,      -- "silo,date|silo,date" votes written by Orleans
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Heartbeat. Never moves IAmAliveTime backwards (a delayed heartbeat cannot undo a newer one).
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id   varchar,
    address_arg     varchar,
    port_arg        integer,
    generation_arg  integer,
    i_am_alive_time timestamptz)
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE OrleansMembershipTable AS m
       SET IAmAliveTime = GREATEST(m.IAmAliveTime, i_am_alive_time)
     WHERE m.DeploymentId = deployment_id
       AND m.Address      = address_arg
       AND m.Port         = port_arg
       AND m.Generation   = generation_arg;
$fn$;

-- Creates the version row of a deployment if missing. Returns 1 if created, 0 if it existed.
CREATE OR REPLACE FUNCTION insert_membership_version(
    DeploymentIdArg varchar)
RETURNS TABLE(row_count integer)
LANGUAGE sql
AS $fn$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (DeploymentIdArg)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM created;
$fn$;

-- Adds a silo row if the caller still holds the current table version.
-- Bumps the version first (this also serialises concurrent writers on the version row),
-- then inserts; if the row already exists the whole block is rolled back and 0 returned.
CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     varchar,
    HostNameArg     varchar,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = DeploymentIdArg
           AND v.Version = VersionArg
           AND v.Version < 2147483647;
        GET DIAGNOSTICS affected = ROW_COUNT;

        IF affected > 0 THEN
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName,
                 Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                (DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg,
                 StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg);
        END IF;
    EXCEPTION WHEN unique_violation THEN
        -- The silo row exists already: the version bump above is undone with this block.
        affected := 0;
    END;

    RETURN QUERY SELECT affected;
END
$fn$;

-- Updates a silo row (status, suspicion votes, heartbeat) if the caller still holds the
-- current table version. Returns 1 on success, 0 (and changes nothing) otherwise.
CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg varchar,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = DeploymentIdArg
           AND v.Version = VersionArg
           AND v.Version < 2147483647;
        GET DIAGNOSTICS affected = ROW_COUNT;

        IF affected > 0 THEN
            UPDATE OrleansMembershipTable AS m
               SET Status       = StatusArg,
                   SuspectTimes = SuspectTimesArg,
                   IAmAliveTime = GREATEST(m.IAmAliveTime, IAmAliveTimeArg)
             WHERE m.DeploymentId = DeploymentIdArg
               AND m.Address      = AddressArg
               AND m.Port         = PortArg
               AND m.Generation   = GenerationArg;
            GET DIAGNOSTICS affected = ROW_COUNT;

            IF affected = 0 THEN
                -- No such silo row: undo the version bump by leaving the block.
                RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
            END IF;
        END IF;
    EXCEPTION WHEN no_data_found THEN
        affected := 0;
    END;

    RETURN QUERY SELECT affected;
END
$fn$;

-- The queries the provider looks up by key.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Heartbeat (result not read).
('UpdateIAmAlivetimeKey', $q$
    SELECT update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);
$q$),

-- One row, one column: 1 = version row created, 0 = it existed.
('InsertMembershipVersionKey', $q$
    SELECT row_count FROM insert_membership_version(@DeploymentId);
$q$),

-- One row, one column: 1 = inserted, 0 = version conflict or duplicate silo.
('InsertMembershipKey', $q$
    SELECT row_count FROM insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),

-- One row, one column: 1 = updated, 0 = version conflict or unknown silo.
('UpdateMembershipKey', $q$
    SELECT row_count FROM update_membership(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$),

-- One silo plus the table version. The LEFT JOIN keeps the version row when the silo is
-- unknown (the provider then sees a NULL StartTime and reports no entry).
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- All silos of the deployment plus the table version.
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Removes a whole deployment (used by tests and tooling).
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: active silos (@Status = 3) with a proxy port.
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = @Status
       AND ProxyPort > 0;
$q$),

-- Bulk clean-up of dead silos not heard of since @IAmAliveTime. Required key; 10.4.2 uses it
-- only when 'CleanupDefunctSiloEntryKey' below is missing.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = 6
       AND IAmAliveTime < @IAmAliveTime
       AND StartTime < @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Optional key, preferred by 10.4.2: deletes one dead silo row only if it still holds exactly
-- the values the provider read (so a row changed meanwhile is left alone).
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation
       AND Status = 6
       AND StartTime = @StartTime
       AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
