-- How far each search engine has indexed the change log. The Elasticsearch indexer reads it before every
-- batch, moves it forward only after the whole batch is indexed (and only from the value it read), and a
-- rebuild moves it back to where the new index is complete.
CREATE TABLE IF NOT EXISTS search_checkpoints (
    engine    text PRIMARY KEY,              -- e.g. elasticsearch:credit-public-listings
    position  bigint NOT NULL CHECK (position >= 0)
);
