-- The alt text and caption last set on each picture in a site's media library, so a push after the
-- desk changed them sends them again (null: set before this was kept; they are sent once more).
alter table cms_media add column described_as text;
