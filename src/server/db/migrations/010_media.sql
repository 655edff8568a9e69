-- Pictures on the desk (issue 16, item 10): a workstation that joined the desk sends the pictures
-- its stories use, and the others fetch them from here; the desk's outbox sends them to WordPress.
-- Each file (an original, a web rendition, a thumbnail) is stored once, named after its content
-- (`<sha256>.<ext>`, checked by the server against the bytes); files are only ever added. The bytes
-- are in `data`, or (`copydesk desk serve --media-dir DIR`) in a file DIR/<id> written before the
-- row, `data` then null.
-- PostgreSQL 15 SQL (PGlite runs it too).
create table media_files (
  id text primary key check (id ~ '^[0-9a-f]{64}\.(jpg|png|webp|gif|avif)$'),
  type text not null check (type in ('jpeg', 'png', 'webp', 'gif', 'avif')),
  bytes integer not null check (bytes > 0),
  data bytea,
  stored_by uuid not null references accounts (id),
  stored_at timestamptz not null
);

-- What the desk knows of a picture (an original): its metadata and its renditions, as the workstation
-- that sent it first made them. Taken only when the original and every rendition it names are in
-- media_files, so a recorded picture is always whole.
create table picture_records (
  id text primary key references media_files (id),
  record jsonb not null,
  stored_by uuid not null references accounts (id),
  stored_at timestamptz not null
);

-- The desk's pictures in each CMS site's media library (the outbox sends a picture to a site once):
-- the id and address the site gave it, and whether its alt text and caption were set.
create table cms_media (
  site text not null,
  media_id text not null references media_files (id),
  remote_id bigint not null,
  url text not null,
  described boolean not null,
  primary key (site, media_id)
);
