-- Stories on the desk server: the workflow state the server owns, edit leases, take-overs and the
-- copies kept when a holder saves after losing the lease. PostgreSQL 15 SQL (PGlite runs it too).

-- The server's workflow bookkeeping beside status and approval (001): a revision's document carries
-- these values as they were when it was saved; the row holds them as they are now.
alter table articles
  add column status_changed_at timestamptz,
  -- { by, at, text }: the note of the last state change, as the workstation shows it.
  add column status_note jsonb,
  add column published_at timestamptz,
  -- Which revision went out with the last publish or correction.
  add column published_revision integer,
  add column corrections jsonb not null default '[]'::jsonb,
  -- An agency's withdrawal, once a save brought it; a save can add one, never remove or acknowledge it.
  add column agency_kill jsonb,
  add foreign key (id, published_revision) references revisions (article_id, number)
    deferrable initially deferred;

-- Notes are listed in the order they were written, even two in the same millisecond.
alter table notes add column position bigint generated always as identity;

-- One edit lease per story. It is live while not expired AND its device token is live AND its
-- account is enabled, so signing a device out (or disabling an account) lets its leases go.
create table leases (
  article_id uuid primary key references articles (id),
  account_id uuid not null references accounts (id),
  device_id uuid not null references device_tokens (id) on delete cascade,
  since timestamptz not null,
  expires_at timestamptz not null,
  check (expires_at > since)
);
create index leases_device on leases (device_id);

-- A desk chief took a story from its holder. Until that device acquires the story again, whatever it
-- saves is kept as a copy (never stored over the desk's version, never lost) and its renewals are
-- told who took it.
create table lease_takeovers (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references articles (id),
  from_account_id uuid not null references accounts (id),
  from_device_id uuid references device_tokens (id) on delete set null,
  by_account_id uuid not null references accounts (id),
  at timestamptz not null,
  note text not null check (length(btrim(note)) between 1 and 2000),
  resolved_at timestamptz
);
create index lease_takeovers_open on lease_takeovers (article_id, from_device_id)
  where resolved_at is null;

-- What a holder saved after its lease was taken: the whole document, the revision it was based on,
-- who, when and why. Never changed afterwards.
create table kept_copies (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references articles (id),
  base_revision integer,
  document jsonb not null,
  saved_by uuid not null references accounts (id),
  -- No foreign key: a device signed out later must not change (or block) this append-only record.
  device_id uuid not null,
  saved_at timestamptz not null,
  reason text not null check (reason in ('lease_taken_over')),
  takeover_id uuid references lease_takeovers (id)
);
create index kept_copies_article on kept_copies (article_id, saved_at);
create trigger kept_copies_append_only before update or delete or truncate on kept_copies
  for each statement execute function refuse_change();
