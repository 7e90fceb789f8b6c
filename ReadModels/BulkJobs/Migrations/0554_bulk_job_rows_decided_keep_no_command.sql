-- A decided row's command (the checked request: the subject's ID number, name and the case's details) is needed by
-- nothing: only pending rows are applied again, and the report reads the line, action, document type and number. Rows are
-- now stored without it once decided; this clears what earlier versions kept.
UPDATE bulk_job_rows SET command = NULL WHERE outcome <> 0 AND command IS NOT NULL;
