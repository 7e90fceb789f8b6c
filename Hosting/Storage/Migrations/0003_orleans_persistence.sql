-- 0003: grain state table, routine and queries of Microsoft.Orleans.Persistence.AdoNet 10.4.2.
--
-- Contract (read from the 10.4.2 provider): every query gets @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId;
-- write and clear also get @GrainStateVersion (NULL for a state never read back), write gets
-- @PayloadBinary. Reads use the columns PayloadBinary and Version; writes read the column
-- NewGrainStateVersion; clear/delete read the first column of their row.
-- 10.4.2 stores the serialized state only in PayloadBinary (no PayloadJson/PayloadXml
-- parameters any more). With a JSON grain storage serializer the bytes are UTF-8 JSON; an
-- operator can read them with:
--     SELECT GrainTypeString, GrainIdExtensionString, Version,
--            convert_from(PayloadBinary, 'UTF8')::jsonb AS state
--       FROM OrleansStorage;
-- Safe to run more than once (requires 0001).

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,  -- hash of the grain key (lookup only)
    GrainIdN0              bigint       NOT NULL,  -- Guid key, first half (0 otherwise)
    GrainIdN1              bigint       NOT NULL,  -- Guid key second half, or integer key
    GrainTypeHash          integer      NOT NULL,  -- hash of GrainTypeString (lookup only)
    GrainTypeString        varchar(512) NOT NULL,  -- storage "grain type" passed by Orleans
    GrainIdExtensionString varchar(512) NULL,      -- string key, or key extension
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,      -- serialized state; NULL after a clear
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL       -- the ETag Orleans hands back on writes
);

-- One row per logical grain state. The hashes lead so that this index also serves the
-- lookups; the md5 covers the exact identity (length-prefixed so that no two different
-- identities can concatenate to the same text, and NULL extension distinct from '').
-- It turns two concurrent first writes of the same state (e.g. a duplicate activation) into
-- one winner and one version conflict instead of two rows.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Identity
    ON OrleansStorage (
        GrainIdHash,
        GrainTypeHash,
        md5(
            length(ServiceId)::text || ':' || ServiceId || '|' ||
            length(GrainTypeString)::text || ':' || GrainTypeString || '|' ||
            GrainIdN0::text || '|' || GrainIdN1::text || '|' ||
            COALESCE(length(GrainIdExtensionString)::text || ':' || GrainIdExtensionString, '-')
        )
    );

-- Writes a grain state with optimistic concurrency.
--   _grainstateversion NULL     -> first write: insert with version 1 unless a row exists.
--   _grainstateversion = n      -> update the row only if its version is still n (-> n + 1).
-- Returns NewGrainStateVersion: the new version on success; on conflict the unchanged input
-- (NULL or n), which the provider turns into an InconsistentStateException.
CREATE OR REPLACE FUNCTION WriteToStorage(
    _grainidhash            integer,
    _grainidn0              bigint,
    _grainidn1              bigint,
    _graintypehash          integer,
    _graintypestring        varchar,
    _grainidextensionstring varchar,
    _serviceid              varchar,
    _grainstateversion      integer,
    _payloadbinary          bytea)
RETURNS TABLE(NewGrainStateVersion integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer := _grainstateversion;
    affected    integer := 0;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        UPDATE OrleansStorage AS s
           SET PayloadBinary = _payloadbinary,
               ModifiedOn    = now(),
               Version       = s.Version + 1
         WHERE s.GrainIdHash = _grainidhash
           AND s.GrainTypeHash = _graintypehash
           AND s.GrainIdN0 = _grainidn0
           AND s.GrainIdN1 = _grainidn1
           AND s.GrainTypeString = _graintypestring
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
           AND s.ServiceId = _serviceid
           AND s.Version = _grainstateversion;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected > 0 THEN
            new_version := _grainstateversion + 1;
        END IF;
    ELSE
        -- ON CONFLICT DO NOTHING: an existing row (the unique index above) means someone
        -- else wrote first; report the conflict instead of overwriting.
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (_grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
             _grainidextensionstring, _serviceid, _payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected > 0 THEN
            new_version := 1;
        END IF;
    END IF;

    RETURN QUERY SELECT new_version;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Write: one row, column NewGrainStateVersion.
('WriteToStorageKey', $q$
    SELECT NewGrainStateVersion
      FROM WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                          @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

-- Read: zero or one row with PayloadBinary (NULL after a clear) and Version.
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, ModifiedOn, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId;
$q$),

-- Clear (default, DeleteStateOnClear = false): keep the row, drop the payload, bump the
-- version; returns the new version, or no row on a version conflict.
('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),

-- Delete (optional key, used only with DeleteStateOnClear = true): removes the row if the
-- version still matches; returns a value different from the old version on success (the
-- provider treats "same as my ETag" or no row as a conflict).
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
