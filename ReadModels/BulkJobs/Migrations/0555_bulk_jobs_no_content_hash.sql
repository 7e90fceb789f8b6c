-- A bulk row's idempotency key is now the fingerprint of what it asks, not the hash of the court and the file with the
-- row's line; nothing reads the file's hash any longer, and the intake no longer computes it.
ALTER TABLE bulk_jobs DROP COLUMN IF EXISTS content_hash;
