-- 0005: grain states are compressed with lz4 rather than pglz. A subject's state (its JSON, about 2.4 kB with one listing)
-- is past the size at which PostgreSQL compresses a value, and pglz took a large part of the time of every state write;
-- lz4 compresses several times faster. Values already stored keep their compression until rewritten. A server built
-- without lz4 keeps pglz. Safe to run more than once (requires 0003).
DO $$
BEGIN
    ALTER TABLE OrleansStorage ALTER COLUMN PayloadBinary SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server; grain states stay compressed with pglz';
END
$$;
