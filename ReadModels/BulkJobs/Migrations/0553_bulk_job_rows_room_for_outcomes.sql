-- Every row of a job is updated once, when its outcome is recorded. Pages filled to 45 % leave room for each row's new
-- version beside the old one, so the update is a HOT one (no column it sets is indexed since 0551) and writes neither a
-- new page nor an index entry: on a 60,000-row job, 7.4-7.7 ms against 9.5-12.0 ms for 430 outcomes. The table ends no
-- larger than before, since each updated row went to a new page anyway. Rows stored before this script keep full pages.
ALTER TABLE bulk_job_rows SET (fillfactor = 45);
