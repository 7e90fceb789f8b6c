-- Subjects whose stored changes could not be published (projected into change_log and the read models). The subject's
-- grain records each failed attempt here, the court's and its retry reminder's alike, and the projection that succeeds
-- deletes the row in its own transaction. Readiness and ./credit reconcile report what is here, so a subject whose
-- publication keeps failing is seen by an operator, not only in the log. Normally empty.
CREATE TABLE IF NOT EXISTS publication_failures (
    subject_key      text        PRIMARY KEY,
    stored_version   bigint      NOT NULL,          -- the version that could not be published
    attempts         int         NOT NULL,
    first_failed_at  timestamptz NOT NULL,
    last_failed_at   timestamptz NOT NULL,
    last_error       text        NOT NULL           -- exception type and message, resident IDs masked
);
