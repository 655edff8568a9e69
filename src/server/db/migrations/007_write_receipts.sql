-- Replays are safe (issue 15): a workstation's sync queue names each save and transition with an id
-- of its own and sends it again when the answer was lost (a crash, a cut network between push and
-- acknowledgement). The desk keeps what each id did, so a replay answers that outcome and changes
-- nothing. A note takes the workstation's id as its own (notes.id), so notes need no table here.
-- PostgreSQL 15 SQL (PGlite runs it too).

-- What a save named by a workstation did: the revision it stored, or the copy it was kept as after a
-- take-over. `fingerprint` is the SHA-256 of what was sent (document and base revision): the same id
-- with anything else is refused. Rows are only added; the primary key makes an id once per story.
create table save_receipts (
  article_id uuid not null references articles (id),
  save_id uuid not null,
  account_id uuid not null references accounts (id),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  revision integer,
  kept_copy_id uuid references kept_copies (id),
  at timestamptz not null,
  primary key (article_id, save_id),
  check ((revision is null) <> (kept_copy_id is null)),
  foreign key (article_id, revision) references revisions (article_id, number)
);
create trigger save_receipts_append_only before update or delete or truncate on save_receipts
  for each statement execute function refuse_change();

-- A workflow action taken under a workstation's id: its action and the revision it was taken on;
-- `fingerprint` is the SHA-256 of action, revision and note, so the same id with another is refused.
create table transition_receipts (
  article_id uuid not null references articles (id),
  transition_id uuid not null,
  account_id uuid not null references accounts (id),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  action text not null,
  revision integer not null,
  at timestamptz not null,
  primary key (article_id, transition_id)
);
create trigger transition_receipts_append_only before update or delete or truncate
  on transition_receipts for each statement execute function refuse_change();
