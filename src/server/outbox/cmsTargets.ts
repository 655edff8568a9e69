import { isPlainHttpRemote } from '../../cms/siteKey'
import { urlOrigin } from '../../cms/urlOrigin'
import { workflowRole } from '../../shared/desk/AccountRole'
import type { CmsTargetView, SetCmsTargetInput } from '../../shared/desk/calls/deskOutboxCalls'
import { DeskError } from '../../shared/desk/DeskError'
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../../shared/domain/DeskSettings'
import type { PushTarget } from '../../shared/domain/OutboxItem'
import type { Db, DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { callerAccount } from '../stories/storyRows'
import { loadTargets, secretContext, targetView } from './cmsTargetRows'
import type { SecretBox } from './SecretBox'

/** The desk's push targets, for desk chiefs (and admins): never a secret. */
export async function listTargets(db: Db, principal: Principal): Promise<CmsTargetView[]> {
  const caller = await callerAccount(db, principal)
  if (workflowRole(caller.role) !== 'desk-chief')
    throw new DeskError('FORBIDDEN', 'The CMS targets are for desk chiefs.', {})
  return (await loadTargets(db)).map(targetView)
}

/**
 * Sets a push target (a desk admin's job). The secret is write-only and sealed before it reaches the
 * database, bound to the URL's origin: a URL moved to another origin drops the stored secret (it is
 * never sent to another address), and a secret is kept for the URL saved with it.
 */
export async function setTarget(
  db: Db,
  principal: Principal,
  input: SetCmsTargetInput,
  env: { box: SecretBox; now: string },
): Promise<{ target: CmsTargetView; secretCleared: boolean; warnings: string[] }> {
  await mustBeAdmin(db, principal)
  const url = checkedUrl(input.target, input.url)
  if (input.target === 'wordpress' && !input.user)
    throw invalid('WordPress needs the user the application password belongs to.')
  const origin = urlOrigin(url)
  if (origin === null) throw invalid('The address must start with http:// or https://.')
  const sealed =
    input.secret === undefined || input.secret === ''
      ? null
      : env.box.seal(input.secret, secretContext(input.target, origin))
  const secretCleared = await db.transaction(async (tx) => {
    const before = await loadTargets(tx, input.target)
    const old = before[0]?.secret_origin ?? null
    // Left out: the stored secret stays while the origin does; '' removes it.
    const keep = input.secret === undefined && old === origin
    await tx.query(
      `insert into cms_targets (target, url, username, post_status, secret_sealed, secret_origin,
         updated_by, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)
       on conflict (target) do update set url = excluded.url, username = excluded.username,
         post_status = excluded.post_status,
         secret_sealed = case when $9 then cms_targets.secret_sealed else excluded.secret_sealed end,
         secret_origin = case when $9 then cms_targets.secret_origin else excluded.secret_origin end,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [
        input.target,
        url,
        input.target === 'wordpress' ? input.user : '',
        input.postStatus,
        sealed,
        sealed === null ? null : origin,
        principal.accountId,
        env.now,
        keep,
      ],
    )
    await tx.query(
      `insert into audit (at, actor_id, action, detail) values ($1::timestamptz, $2, 'cms_target:set', $3::jsonb)`,
      [
        env.now,
        principal.accountId,
        {
          target: input.target,
          url,
          user: input.target === 'wordpress' ? input.user : '',
          postStatus: input.postStatus,
          secret: sealed !== null ? 'replaced' : keep ? 'kept' : old !== null ? 'removed' : 'none',
        },
      ],
    )
    await recordTargetChange(tx, principal)
    return old !== null && old !== origin && sealed === null && input.secret === undefined
  })
  const [row] = await loadTargets(db, input.target)
  if (row === undefined) throw new Error('The target just saved is not in the database.')
  const warnings = isPlainHttpRemote(url)
    ? [
        `${url} is plain http://: the ${input.target === 'wordpress' ? 'application password' : 'token'} and the stories would cross the network unencrypted (and WordPress refuses application passwords there). Use https://.`,
      ]
    : []
  return { target: targetView(row), secretCleared, warnings }
}

export async function clearTarget(
  db: Db,
  principal: Principal,
  target: PushTarget,
  now: string,
): Promise<boolean> {
  await mustBeAdmin(db, principal)
  return db.transaction(async (tx) => {
    const removed = await tx.query('delete from cms_targets where target = $1 returning target', [
      target,
    ])
    if (removed.length === 0) return false
    await tx.query(
      `insert into audit (at, actor_id, action, detail) values ($1::timestamptz, $2, 'cms_target:cleared', $3::jsonb)`,
      [now, principal.accountId, { target }],
    )
    await recordTargetChange(tx, principal)
    return true
  })
}

/** The change feed's entry, last in the transaction (see 001's record_change). */
async function recordTargetChange(tx: DbQueries, principal: Principal): Promise<void> {
  await tx.query('select record_change($1, null, null, $2)', [
    'cms_target_changed',
    principal.accountId,
  ])
}

async function mustBeAdmin(db: Db, principal: Principal): Promise<void> {
  const caller = await callerAccount(db, principal)
  if (caller.role !== 'desk-admin')
    throw new DeskError('FORBIDDEN', 'Setting up the CMS targets is for a desk admin.', {})
}

/** The workstation's rule for a target URL (http or https, no user or password in it). */
function checkedUrl(target: PushTarget, url: string): string {
  const field = target === 'webhook' ? 'webhookUrl' : 'wordpressUrl'
  const parsed = DeskSettings.safeParse({ ...DEFAULT_DESK_SETTINGS, [field]: url })
  if (!parsed.success)
    throw invalid(
      `The ${target === 'webhook' ? 'webhook URL' : 'WordPress site URL'} is not usable: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    )
  return url
}

function invalid(problem: string): DeskError {
  return new DeskError('INVALID_INPUT', problem, { problems: [problem] })
}
