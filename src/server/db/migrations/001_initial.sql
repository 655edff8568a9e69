-- The desk's first schema. PostgreSQL 15 SQL only: Debian 12 runs 15, PGlite runs 18, tests run both.

-- One row: which desk this database is (a workstation checks it is talking to the desk it joined).
create table desk (
  singleton boolean primary key default true check (singleton),
  id uuid not null default gen_random_uuid(),
  created_at timestamptz not null default now()
);
insert into desk default values;

-- Roles spell as src/shared/domain/Profile.ts's Role, plus the server's desk-admin.
create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email like '_%@_%' and length(email) <= 320),
  name text not null check (length(btrim(name)) between 1 and 200),
  role text not null check (role in ('writer', 'desk-chief', 'desk-admin')),
  -- scrypt$N$r$p$salt$key: the parameters travel with the hash.
  password_hash text not null,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index accounts_email_key on accounts (lower(email));

-- One row per signed-in device. The token itself is shown once; only its SHA-256 is kept.
create table device_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  device_name text not null check (length(device_name) between 1 and 200),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index device_tokens_account on device_tokens (account_id);

-- Statuses spell as src/shared/domain/Article.ts's ArticleStatus (a test checks each one is accepted).
create table articles (
  id uuid primary key, -- made by the workstation that drafted it, maybe offline
  status text not null default 'draft' check (status in (
    'draft', 'submitted', 'changes_requested', 'approved', 'published', 'corrected', 'killed', 'spiked')),
  current_revision integer not null check (current_revision >= 1),
  -- An approval is bound to the exact revision approved: a later save does not carry it.
  approved_revision integer,
  approved_by uuid references accounts (id),
  approved_at timestamptz,
  created_by uuid not null references accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((approved_revision is null) = (approved_by is null)
     and (approved_by is null) = (approved_at is null))
);

-- Every saved version, whole (the Article JSON as src/shared parses it). Never changed afterwards.
create table revisions (
  article_id uuid not null references articles (id),
  number integer not null check (number >= 1),
  base_revision integer check (base_revision >= 1 and base_revision < number),
  document jsonb not null,
  saved_by uuid not null references accounts (id),
  saved_at timestamptz not null default now(),
  primary key (article_id, number)
);

-- An article and its first revision are written in one transaction, hence deferred.
alter table articles
  add foreign key (id, current_revision) references revisions (article_id, number)
    deferrable initially deferred,
  add foreign key (id, approved_revision) references revisions (article_id, number)
    deferrable initially deferred;

create table notes (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references articles (id),
  revision integer, -- the revision the note was written on
  author_id uuid not null references accounts (id),
  body text not null check (length(body) between 1 and 10000),
  created_at timestamptz not null default now()
);
create index notes_article on notes (article_id, created_at);

-- Who did what, when. Append-only: no article foreign key, so the trail outlives what it describes.
create table audit (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid references accounts (id),
  action text not null,
  article_id uuid,
  revision integer,
  detail jsonb not null default '{}'::jsonb
);
create index audit_article on audit (article_id, id);

-- The guard that holds for every role, PGlite's superuser session included. On real PostgreSQL the
-- app's role should also lack UPDATE/DELETE and not own the table (an owner may disable a trigger).
create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;
create trigger audit_append_only before update or delete or truncate on audit
  for each statement execute function refuse_change();
create trigger revisions_append_only before update or delete or truncate on revisions
  for each statement execute function refuse_change();

-- The change feed. A bigserial is NOT enough: numbers are taken at insert and become visible at
-- commit, out of order, so a reader at `seq > N` would skip a slow transaction's lower number for
-- good. The one counter row is updated as the LAST statement of every writing transaction: its row
-- lock is held until the commit is visible, so numbers become visible in order and without gaps
-- (a rollback gives its number back).
create table change_counter (
  singleton boolean primary key default true check (singleton),
  last_seq bigint not null check (last_seq >= 0)
);
insert into change_counter (last_seq) values (0);

create table changes (
  seq bigint primary key,
  at timestamptz not null default now(),
  kind text not null,
  article_id uuid,
  revision integer,
  actor_id uuid references accounts (id)
);

-- Call as the last statement before COMMIT. The NOTIFY goes out at commit and is only a nudge
-- (payload: the seq); listeners read the changes table.
create function record_change(p_kind text, p_article_id uuid, p_revision integer, p_actor_id uuid)
returns bigint language plpgsql as $$
declare
  next_seq bigint;
begin
  update change_counter set last_seq = last_seq + 1 returning last_seq into next_seq;
  insert into changes (seq, kind, article_id, revision, actor_id)
    values (next_seq, p_kind, p_article_id, p_revision, p_actor_id);
  perform pg_notify('desk_changes', next_seq::text);
  return next_seq;
end $$;
