-- Units of an agency (the street offices of each district) receive only the subjects of their own area. A unit's
-- key names its unit; '' is a key of an agency without units. The unit is not a foreign key: units live in the
-- operator's registry file (Api/Agencies/Catalogue), and a key whose unit left the registry authenticates nobody.
ALTER TABLE agency_api_keys ADD COLUMN IF NOT EXISTS unit_code text NOT NULL DEFAULT '';

-- Each unit numbers its hit reports on its own, so a report id is unique per unit, not per agency.
ALTER TABLE interception_hits ADD COLUMN IF NOT EXISTS unit_code text NOT NULL DEFAULT '';
ALTER TABLE interception_hits DROP CONSTRAINT IF EXISTS uq_interception_hits_report;
ALTER TABLE interception_hits ADD CONSTRAINT uq_interception_hits_report UNIQUE (agency_code, unit_code, report_id);
