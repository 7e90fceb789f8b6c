-- Name search reads relevance tiers: the exact name, then names starting with the query, then names
-- containing it further in. The first two come in publication order from one B-tree without touching the
-- table: text_pattern_ops serves both = and LIKE 'prefix%' whatever the database's collation, and the
-- INCLUDE columns let the public search's filters run on the index entries. It replaces the plain name
-- index, which served equality only.
DROP INDEX IF EXISTS ix_public_listings_name;
CREATE INDEX IF NOT EXISTS ix_public_listings_name_search
    ON public_listings (name text_pattern_ops, publication_date DESC, listing_id)
    INCLUDE (period_end, court_code, is_entity);

-- The two-character windows of a name that do not start at its first character. A name that contains the
-- query anywhere but at its start has every window of the query among these, so the third tier finds
-- its candidates here without re-reading the rows that the first two tiers already ranked (张伟 is the
-- start of thousands of names and inside almost none).
CREATE OR REPLACE FUNCTION name_inner_bigrams(full_name text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT ARRAY(SELECT DISTINCT substr(full_name, i, 2) FROM generate_series(2, char_length(full_name) - 1) AS i) $$;
CREATE INDEX IF NOT EXISTS ix_public_listings_inner_bigrams ON public_listings USING gin (name_inner_bigrams(name));
