-- A workstation's ordinary save in ONE call to the database (saveInOneCall.ts): its own story, on
-- the current revision, with its own lease or none. The desk bench showed the save's six round
-- trips (token check, BEGIN, the row lock, the reads, the writes, record_change with the COMMIT),
-- each a context switch on a saturated machine, as the save's cost with 200 workstations. Called
-- as one statement, the function is its own transaction: the commit follows it on the database's
-- side, so the change counter's row is held through the commit alone.
--
-- It stores the save only when the old path (saveStory.ts) would store exactly the same rows, and
-- answers nothing otherwise, having written nothing: a new story, a replay, a take-over, another
-- device's live lease, a status that is not editable, a stale base, an agency kill, or a document
-- whose server-owned fields (`p_assumed`: author, createdAt, status, statusChangedAt, statusNote,
-- publishedAt, corrections, as the workstation last heard them) are not the desk's now. The caller
-- then runs the old path, which refuses, conflicts, replays or keeps a copy with its own codes and
-- messages. Same statements, same order, same locks as the old path.
-- PostgreSQL 15 SQL (PGlite runs it too).
create function save_story(
  p_id uuid,
  p_base integer,
  p_account_id uuid,
  p_device_id uuid,
  p_now timestamptz,
  p_lease_expires_at timestamptz,
  p_save_id uuid,
  p_fingerprint text,
  p_editable jsonb,
  p_assumed jsonb,
  p_document jsonb,
  p_audit_detail jsonb
)
returns table (
  id uuid,
  status text,
  current_revision integer,
  approved_revision integer,
  approved_by uuid,
  approved_by_name text,
  approved_at timestamptz,
  created_by uuid,
  created_by_name text,
  created_at timestamptz,
  updated_at timestamptz,
  status_changed_at timestamptz,
  status_note jsonb,
  published_at timestamptz,
  published_revision integer,
  corrections jsonb,
  agency_kill jsonb,
  lease_account_id uuid,
  lease_holder_name text,
  lease_device_id uuid,
  lease_since timestamptz,
  lease_expires_at timestamptz
)
language plpgsql as $$
#variable_conflict use_column
declare
  story articles%rowtype;
  previous_author text;
  lease record;
  leased boolean;
  next_revision integer;
begin
  select * into story from articles a where a.id = p_id for no key update of a;
  if not found then
    return;
  end if;
  if p_save_id is not null and exists (
    select 1 from save_receipts r where r.article_id = p_id and r.save_id = p_save_id
  ) then
    return;
  end if;
  if exists (
    select 1 from lease_takeovers t
    where t.article_id = p_id and t.from_device_id = p_device_id and t.resolved_at is null
  ) then
    return;
  end if;
  -- The live-lease condition of storyRows.ts (liveLeaseCondition).
  select l.account_id, la.name as holder_name, l.device_id, l.since into lease
  from leases l
  join accounts la on la.id = l.account_id
  join device_tokens d on d.id = l.device_id
  where l.article_id = p_id and l.expires_at > p_now and d.revoked_at is null
    and d.expires_at > p_now and la.disabled_at is null;
  leased := found;
  if leased and lease.device_id <> p_device_id then
    return;
  end if;
  -- p_editable: the workflow's editable statuses (EDITABLE_STATES), as a JSON array of strings.
  if not (p_editable ? story.status) or story.current_revision <> p_base
      or story.agency_kill is not null then
    return;
  end if;
  select r.document ->> 'author' into previous_author
  from revisions r where r.article_id = p_id and r.number = story.current_revision;
  if previous_author is distinct from p_assumed ->> 'author'
      or story.status is distinct from p_assumed ->> 'status'
      or story.created_at is distinct from (p_assumed ->> 'createdAt')::timestamptz
      or story.status_changed_at is distinct from (p_assumed ->> 'statusChangedAt')::timestamptz
      or coalesce(story.status_note, 'null'::jsonb) is distinct from p_assumed -> 'statusNote'
      or story.published_at is distinct from (p_assumed ->> 'publishedAt')::timestamptz
      or story.corrections is distinct from p_assumed -> 'corrections' then
    return;
  end if;

  next_revision := p_base + 1;
  insert into revisions (article_id, number, base_revision, document, saved_by, saved_at)
    values (p_id, next_revision, p_base, p_document, p_account_id, p_now);
  if p_save_id is not null then
    insert into save_receipts (article_id, save_id, account_id, fingerprint, revision, kept_copy_id, at)
      values (p_id, p_save_id, p_account_id, p_fingerprint, next_revision, null, p_now);
  end if;
  update articles a set current_revision = next_revision, updated_at = p_now, agency_kill = null
    where a.id = p_id;
  if leased then
    update leases l set expires_at = p_lease_expires_at where l.article_id = p_id;
  end if;
  insert into audit (at, actor_id, action, article_id, revision, detail)
    values (p_now, p_account_id, 'story_saved', p_id, next_revision, p_audit_detail);
  perform record_change('story_saved', p_id, next_revision, p_account_id);

  return query
    select a.id, a.status, a.current_revision, a.approved_revision, a.approved_by,
      ab.name, a.approved_at, a.created_by, cb.name, a.created_at, a.updated_at,
      a.status_changed_at, a.status_note, a.published_at, a.published_revision, a.corrections,
      a.agency_kill,
      case when leased then lease.account_id end,
      case when leased then lease.holder_name end,
      case when leased then lease.device_id end,
      case when leased then lease.since end,
      case when leased then p_lease_expires_at end
    from articles a
    join accounts cb on cb.id = a.created_by
    left join accounts ab on ab.id = a.approved_by
    where a.id = p_id;
end $$;
