-- Every two-character window of the name was kept for partial search; the search compares the query with the windows
-- past the name's first character instead (name_inner_bigrams, 0201), and takes how common each window is from that
-- index's own statistics. Nothing reads this column or its index any longer; dropping the column drops the index.
ALTER TABLE public_listings DROP COLUMN IF EXISTS name_bigrams;
