-- The partners get the residence on the grid of migration 0770 from now on (PartnerProjector reads its columns); what they
-- were kept before is snapped to the same grid, in the listings and in every change a partner can still page through, so a
-- snapshot or an old position gives no finer point either.
CREATE FUNCTION pg_temp.coarse_residence(listing jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(listing -> 'residence') = 'object'
        THEN jsonb_set(listing, '{residence}', (listing -> 'residence') || jsonb_build_object(
            'latitude', round((listing -> 'residence' ->> 'latitude')::numeric, 2),
            'longitude', round((listing -> 'residence' ->> 'longitude')::numeric, 2)))
        ELSE listing END
$$;
UPDATE partner_listings SET listing = pg_temp.coarse_residence(listing) WHERE jsonb_typeof(listing -> 'residence') = 'object';
UPDATE partner_changes SET before = pg_temp.coarse_residence(before), after = pg_temp.coarse_residence(after)
WHERE jsonb_typeof(before -> 'residence') = 'object' OR jsonb_typeof(after -> 'residence') = 'object';
