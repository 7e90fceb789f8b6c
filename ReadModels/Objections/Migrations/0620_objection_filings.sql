-- The Idempotency-Key of each filing, so that a retried or doubly submitted filing is answered with the receipt the first one
-- got instead of becoming a second objection. Only the key's SHA-256 is kept; the fingerprint (a hash of the request) tells
-- a retry from a different filing under the same key. A refused filing's row is deleted, so its key may be used again.
CREATE TABLE IF NOT EXISTS objection_filings (
    key_sha256   text        PRIMARY KEY,
    fingerprint  text        NOT NULL,
    receipt      text        NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now()
);
