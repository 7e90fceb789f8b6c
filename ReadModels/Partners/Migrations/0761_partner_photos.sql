-- How far the partner projection has followed the courts' screen records (screen_records): a photo uploaded, replaced or
-- deleted changes what partners granted the photo receive.
ALTER TABLE partner_feed_head ADD COLUMN IF NOT EXISTS photos_position bigint NOT NULL DEFAULT 0;

-- The partners' photo endpoint finds the listings that show a photo by its name.
CREATE INDEX IF NOT EXISTS ix_partner_listings_photo ON partner_listings ((listing ->> 'photoId')) WHERE listing ->> 'photoId' IS NOT NULL;
