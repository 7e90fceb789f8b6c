-- The applicant's code (申请人校验码) a filing answered, sealed so that a retried filing under the same Idempotency-Key answers
-- the same code: AES-GCM under a key derived from the Idempotency-Key itself, of which the table keeps only a SHA-256. Only the
-- client that sent the filing can open it; the objection keeps nothing but the code's hash. Null for filings made before.
ALTER TABLE objection_filings ADD COLUMN IF NOT EXISTS applicant_code_sealed bytea;
