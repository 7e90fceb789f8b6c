-- Courts and their API keys. A key is stored only as its SHA-256 hash; the clear key is shown once.
CREATE TABLE IF NOT EXISTS courts (
    code        text PRIMARY KEY,          -- as in case numbers: 粤01, 粤0103
    name        text NOT NULL,
    name_en     text NOT NULL
);

CREATE TABLE IF NOT EXISTS court_api_keys (
    key_hash    bytea PRIMARY KEY,         -- SHA-256 of the key
    court_code  text NOT NULL REFERENCES courts (code),
    label       text NOT NULL,             -- who holds the key, recorded as the actor of every change
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- The courts of Guangzhou (two levels: the intermediate court and the basic courts of its districts).
INSERT INTO courts (code, name, name_en) VALUES
    ('粤01',   '广州市中级人民法院',   'Guangzhou Intermediate People''s Court'),
    ('粤0103', '广州市荔湾区人民法院', 'Liwan District People''s Court'),
    ('粤0104', '广州市越秀区人民法院', 'Yuexiu District People''s Court'),
    ('粤0105', '广州市海珠区人民法院', 'Haizhu District People''s Court'),
    ('粤0106', '广州市天河区人民法院', 'Tianhe District People''s Court'),
    ('粤0111', '广州市白云区人民法院', 'Baiyun District People''s Court'),
    ('粤0112', '广州市黄埔区人民法院', 'Huangpu District People''s Court'),
    ('粤0113', '广州市番禺区人民法院', 'Panyu District People''s Court'),
    ('粤0114', '广州市花都区人民法院', 'Huadu District People''s Court'),
    ('粤0115', '广州市南沙区人民法院', 'Nansha District People''s Court'),
    ('粤0117', '广州市从化区人民法院', 'Conghua District People''s Court'),
    ('粤0118', '广州市增城区人民法院', 'Zengcheng District People''s Court')
ON CONFLICT (code) DO NOTHING;
