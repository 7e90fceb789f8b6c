-- Names are searched by a key that leaves out what people write differently for one name (README, "Public search"):
-- the NFKC form (full-width letters and digits as half-width ones, the no-break and ideographic spaces as spaces, CJK
-- compatibility ideographs as the unified ones they stand for), Latin letters in lower case, and without spaces, middle dots
-- of any kind, hyphens, apostrophes, quotation marks, commas and brackets. So 热依拉·艾买提, 热依拉・艾买提, 热依拉．艾买提
-- and 热依拉艾买提 are one name to the search, as are John Smith, john smith and Ｊｏｈｎ　Ｓｍｉｔｈ. The same key is made
-- in C# for the query (NameSearchKey, which holds these two tables too): translate() and normalize() work by code point
-- whatever the database's locale, where lower() and the regular expressions' classes do not.
CREATE OR REPLACE FUNCTION name_search_key(full_name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(normalize(full_name, NFKC),
        E'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮĴĶĹĻĽŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠƢƤƦƧƩƬƮƯƱƲƳƵƷƸƼǍǏǑǓǕǗǙǛǞǠǢǤǦǨǪǬǮǴǶǷǸǺǼǾȀȂȄȆȈȊȌȎȐȒȔȖȘȚȜȞȠȢȤȦȨȪȬȮȰȲȺȻȽȾɁɃɄɅɆɈɊɌɎḀḂḄḆḈḊḌḎḐḒḔḖḘḚḜḞḠḢḤḦḨḪḬḮḰḲḴḶḸḺḼḾṀṂṄṆṈṊṌṎṐṒṔṖṘṚṜṞṠṢṤṦṨṪṬṮṰṲṴṶṸṺṼṾẀẂẄẆẈẊẌẎẐẒẔẞẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸỺỼỾ'
            || E'\u0020\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u202F\u205F\u2060\u3000\uFEFF.··᛫•․‧∙⋅⸱・ꞏ．･-‐‑‒–—―−﹘﹣－\'‘’ʼ`"“”＇,、，()（）[]【】〔〕<>《》〈〉/',
        E'abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįĵķĺļľłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżžɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵơƣƥʀƨʃƭʈưʊʋƴƶʒƹƽǎǐǒǔǖǘǚǜǟǡǣǥǧǩǫǭǯǵƕƿǹǻǽǿȁȃȅȇȉȋȍȏȑȓȕȗșțȝȟƞȣȥȧȩȫȭȯȱȳⱥȼƚⱦɂƀʉʌɇɉɋɍɏḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕßạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹỻỽỿ') $$;

-- The name indexes of 0201, over the key instead of the name as written: building them makes every stored name's key. They
-- keep their names, which NameWindowFrequencies reads the windows' statistics by.
DROP INDEX IF EXISTS ix_public_listings_name_search;
CREATE INDEX ix_public_listings_name_search
    ON public_listings (name_search_key(name) text_pattern_ops, publication_date DESC, listing_id)
    INCLUDE (period_end, court_code, is_entity);
DROP INDEX IF EXISTS ix_public_listings_inner_bigrams;
CREATE INDEX ix_public_listings_inner_bigrams ON public_listings USING gin (name_inner_bigrams(name_search_key(name)));
ANALYZE public_listings;
