-- Names are searched by their two-character windows, cut by code point in C# (NameBigrams) and by substr() in
-- name_inner_bigrams (0201). Both agree only in a UTF-8 database: in SQL_ASCII, substr() counts bytes and would cut
-- 王𠮷明 inside its characters. The embedded PostgreSQL is created UTF-8; a database given by connection string is
-- refused at start rather than left to find no rare-character name.
DO $$
BEGIN
    IF current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'Credit needs a UTF8 database; % has encoding %', current_database(), current_setting('server_encoding');
    END IF;
END
$$;
