-- The residence as anyone but the court that recorded it sees it: the point snapped to the 0.01° grid (a cell about 1.1 km
-- north–south and 1 km east–west in Guangzhou), the same for every partner and for the public nearby search. Deterministic per
-- point, so probing a circle's edge from many centres finds the cell and no more; the exact point never leaves this table.
ALTER TABLE subject_partner_records
    ADD COLUMN IF NOT EXISTS coarse_latitude double precision GENERATED ALWAYS AS (round(latitude::numeric, 2)::double precision) STORED,
    ADD COLUMN IF NOT EXISTS coarse_longitude double precision GENERATED ALWAYS AS (round(longitude::numeric, 2)::double precision) STORED;

-- The nearby search measures from the cell, so its index is on the cell.
DROP INDEX IF EXISTS ix_subject_partner_records_earth;
CREATE INDEX IF NOT EXISTS ix_subject_partner_records_coarse_earth ON subject_partner_records
    USING gist (ll_to_earth(coarse_latitude, coarse_longitude)) WHERE coarse_latitude IS NOT NULL;
