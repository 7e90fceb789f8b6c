-- A job's rows must name a stored job, and go with it. The foreign key checked that once per row: 60,000 lookups of the
-- one job row (SELECT ... FROM bulk_jobs ... FOR KEY SHARE) in the COPY of a 60,000-row file, about a third of the COPY's
-- own cost in PostgreSQL. These triggers give the same guarantee once per statement:
--  * rows inserted (the intake's COPY) lock the jobs they name as the key did (FOR KEY SHARE, so a job cannot be deleted
--    under them) and fail with foreign_key_violation if one is not there;
--  * deleting jobs deletes their rows (the key's ON DELETE CASCADE), and jobs are truncated only with their rows;
--  * neither a job's ID nor a row's job ever changes (the key allowed neither while rows referenced the job, but a row could
--    move to another job: nothing does, and now nothing can).
ALTER TABLE bulk_job_rows DROP CONSTRAINT IF EXISTS bulk_job_rows_job_id_fkey;

CREATE OR REPLACE FUNCTION bulk_job_rows_name_stored_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing uuid;
BEGIN
    PERFORM FROM bulk_jobs j WHERE j.job_id IN (SELECT n.job_id FROM new_rows n) ORDER BY j.job_id FOR KEY SHARE OF j;
    SELECT n.job_id INTO missing FROM new_rows n WHERE NOT EXISTS (SELECT FROM bulk_jobs j WHERE j.job_id = n.job_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'bulk_job_rows names job %, which is not in bulk_jobs', missing USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bulk_job_rows_name_stored_jobs ON bulk_job_rows;
CREATE TRIGGER bulk_job_rows_name_stored_jobs AFTER INSERT ON bulk_job_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bulk_job_rows_name_stored_jobs();

CREATE OR REPLACE FUNCTION bulk_jobs_keep_their_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.job_id never changes (job %)', TG_TABLE_NAME, OLD.job_id USING ERRCODE = 'foreign_key_violation';
END $$;
DROP TRIGGER IF EXISTS bulk_job_rows_keep_their_job ON bulk_job_rows;
CREATE TRIGGER bulk_job_rows_keep_their_job BEFORE UPDATE OF job_id ON bulk_job_rows
    FOR EACH ROW WHEN (OLD.job_id IS DISTINCT FROM NEW.job_id) EXECUTE FUNCTION bulk_jobs_keep_their_ids();
DROP TRIGGER IF EXISTS bulk_jobs_keep_their_ids ON bulk_jobs;
CREATE TRIGGER bulk_jobs_keep_their_ids BEFORE UPDATE OF job_id ON bulk_jobs
    FOR EACH ROW WHEN (OLD.job_id IS DISTINCT FROM NEW.job_id) EXECUTE FUNCTION bulk_jobs_keep_their_ids();

CREATE OR REPLACE FUNCTION bulk_jobs_delete_their_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM bulk_job_rows r WHERE r.job_id IN (SELECT o.job_id FROM old_jobs o);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bulk_jobs_delete_their_rows ON bulk_jobs;
CREATE TRIGGER bulk_jobs_delete_their_rows AFTER DELETE ON bulk_jobs
    REFERENCING OLD TABLE AS old_jobs FOR EACH STATEMENT EXECUTE FUNCTION bulk_jobs_delete_their_rows();

-- As with the key: the jobs are truncated only with their rows (TRUNCATE bulk_jobs, bulk_job_rows).
CREATE OR REPLACE FUNCTION bulk_jobs_truncated_with_their_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM bulk_job_rows) THEN
        RAISE EXCEPTION 'bulk_jobs is truncated only together with bulk_job_rows' USING ERRCODE = 'feature_not_supported';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bulk_jobs_truncated_with_their_rows ON bulk_jobs;
CREATE TRIGGER bulk_jobs_truncated_with_their_rows AFTER TRUNCATE ON bulk_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION bulk_jobs_truncated_with_their_rows();
