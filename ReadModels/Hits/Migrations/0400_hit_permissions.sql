-- A hit reported as AllowedWithCourtPermission names the court's permission for necessary travel that let the
-- subject through (consumption rules Art. 8); other hits have none.
ALTER TABLE interception_hits ADD COLUMN IF NOT EXISTS permission_id uuid;
