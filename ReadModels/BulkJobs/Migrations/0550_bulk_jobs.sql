-- A court's bulk submission (listings, restrictions, exit bans, corrections, removals in one file) and each of its rows.
-- The file is read, every row checked by the single-change API's own rules and stored here in one transaction before the
-- court hears 202; the job's grain then applies the pending rows and records each outcome. This table, not the grain, is
-- the job's memory: a platform that dies mid-job finds the pending rows here on restart, and a row applied but not yet
-- recorded is applied again under the same idempotency key, which the subject answers without changing anything twice.
CREATE TABLE IF NOT EXISTS bulk_jobs (
    job_id        uuid        PRIMARY KEY,
    court         text        NOT NULL,
    actor         text        NOT NULL,
    content_hash  text        NOT NULL,          -- SHA-256 of court and file: the rows' idempotency keys derive from it
    format        text        NOT NULL,          -- csv or ndjson
    state         text        NOT NULL,          -- Running or Completed
    rows_read     int         NOT NULL,
    accepted      int         NOT NULL DEFAULT 0,  -- applied, including already_applied
    already_applied int       NOT NULL DEFAULT 0,  -- the subject had applied the row's key before (an earlier submission)
    refused       int         NOT NULL DEFAULT 0,
    failed        int         NOT NULL DEFAULT 0,  -- could not be applied after every retry; resubmitting is safe
    submitted_at  timestamptz NOT NULL,
    finished_at   timestamptz
);
CREATE INDEX IF NOT EXISTS bulk_jobs_running ON bulk_jobs (submitted_at) WHERE state = 'Running';

CREATE TABLE IF NOT EXISTS bulk_job_rows (
    job_id        uuid        NOT NULL REFERENCES bulk_jobs (job_id) ON DELETE CASCADE,
    line          int         NOT NULL,          -- the row's line in the file (CSV: the header is line 1)
    action        text        NOT NULL,
    document_type text        NOT NULL,          -- as the file gave them, for the report
    number        text        NOT NULL,
    subject_key   text,                          -- the subject's grain key; null when the row named no valid subject
    command       text,                          -- the checked command (JSON); null for a row refused on intake
    outcome       smallint    NOT NULL,          -- 0 pending, 1 accepted, 2 already applied, 3 refused, 4 failed
    item_id       uuid,                          -- the listing, restriction or ban the row made or changed
    refusals      text,                          -- JSON [{kind, field, rule}] for a refused or failed row
    attempts      int         NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, line)
);
CREATE INDEX IF NOT EXISTS bulk_job_rows_pending ON bulk_job_rows (job_id, line) WHERE outcome = 0;
