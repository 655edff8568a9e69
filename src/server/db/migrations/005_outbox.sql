-- The desk server's outbox: where pushes go (the CMS targets and their secrets) and every push
-- waiting for, or done by, a CMS. PostgreSQL 15 SQL (PGlite runs it too).

-- One row per push target. The secret (webhook token, WordPress application password) is stored
-- sealed with AES-256-GCM under a key kept OUTSIDE the database (the server's data folder or
-- COPYDESK_SECRET_KEY, see src/server/outbox/SecretBox.ts), so a dump of the database alone does not
-- give it away. It is bound to the origin it was entered for and never sent anywhere else.
create table cms_targets (
  target text primary key check (target in ('webhook', 'wordpress')),
  url text not null check (length(url) between 1 and 2000),
  username text not null default '' check (length(username) <= 200),
  post_status text not null default 'draft' check (post_status in ('draft', 'pending', 'publish')),
  secret_sealed text,
  secret_origin text,
  check ((secret_sealed is null) = (secret_origin is null)),
  updated_by uuid not null references accounts (id),
  updated_at timestamptz not null
);

-- One row per push: the story's APPROVED revision as it went (or goes) to one site of one target.
-- At most one unsent push per story, target and site; sent ones stay as the record of what went out.
-- A process sending an item claims it (claim_token, claim_expires_at) in one statement and sends
-- outside any transaction; a process that dies mid-send leaves a claim that expires, and the item is
-- taken up again (the CMS's idempotency, content key and owner mark, keeps it from doubling).
create table outbox (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references articles (id),
  target text not null check (target in ('webhook', 'wordpress')),
  site text not null,
  revision integer not null,
  content_key text not null,
  headline text not null,
  -- The note for readers this push publishes as a correction (a story published before); null otherwise.
  correction text check (correction is null or length(btrim(correction)) between 1 and 2000),
  pushed_by uuid not null references accounts (id),
  state text not null check (state in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz,
  last_error text,
  remote_id text,
  created_at timestamptz not null,
  sent_at timestamptz,
  remote_status text,
  remote_slug text,
  remote_link text,
  checked_at timestamptz,
  -- When a post sent as a draft (or for review) is looked at next; null when it is not watched.
  next_check_at timestamptz,
  notices jsonb not null default '[]'::jsonb,
  claim_token uuid,
  claim_expires_at timestamptz,
  foreign key (article_id, revision) references revisions (article_id, number)
);
create unique index outbox_one_unsent on outbox (article_id, target, site) where state <> 'sent';
create index outbox_article on outbox (article_id, created_at);
create index outbox_due on outbox (next_attempt_at) where state in ('queued', 'failed');
create index outbox_claimed on outbox (claim_expires_at) where claim_token is not null;
create index outbox_watch on outbox (next_check_at) where next_check_at is not null;
