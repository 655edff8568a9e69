import type { AccountRole } from '../../shared/desk/AccountRole'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbJson, DbQueries } from '../db/Db'
import { ACCOUNT_COLUMNS, accountRow, type AccountRow } from './accountRows'
import { writeAudit } from './writeAudit'

/** What an admin may change about an account; what is left out stays. */
export type AccountChange = {
  accountId: string
  name?: string | undefined
  role?: AccountRole | undefined
  disabled?: boolean | undefined
}

/**
 * Applies `change` to `before` inside the caller's transaction (which holds the admins lock), with
 * its audit row. Refuses to demote or disable the last enabled desk admin. Disabling signs out all
 * the account's devices, so enabling it again means signing in again.
 */
export async function updateAccountRow(
  tx: DbQueries,
  now: Date,
  actorId: string | null,
  before: AccountRow,
  change: AccountChange,
): Promise<AccountRow> {
  const role = change.role ?? before.role
  const disabled = change.disabled ?? before.disabled_at !== null
  const name = change.name ?? before.name
  const wasAdmin = before.role === 'desk-admin' && before.disabled_at === null
  if (wasAdmin && (role !== 'desk-admin' || disabled)) {
    const others = await tx.query(
      `select 1 from accounts
       where role = 'desk-admin' and disabled_at is null and id <> $1 limit 1`,
      [before.id],
    )
    if (others.length === 0)
      throw new DeskError(
        'REFUSED',
        `${before.email} is the desk's last enabled desk admin: make another account desk admin first, or nobody could manage accounts.`,
      )
  }
  const changes: { [key: string]: DbJson } = {}
  if (name !== before.name) changes.name = { from: before.name, to: name }
  if (role !== before.role) changes.role = { from: before.role, to: role }
  if (disabled !== (before.disabled_at !== null))
    changes.disabled = { from: !disabled, to: disabled }
  if (Object.keys(changes).length === 0) return before
  const [updated] = await tx.query(
    `update accounts set name = $2, role = $3,
       disabled_at = case when $4 then coalesce(disabled_at, $5::timestamptz) else null end,
       updated_at = $5::timestamptz
     where id = $1 returning ${ACCOUNT_COLUMNS}`,
    [before.id, name, role, disabled, now],
  )
  let devicesSignedOut = 0
  if (disabled && before.disabled_at === null) {
    const revoked = await tx.query(
      `update device_tokens set revoked_at = $2::timestamptz
       where account_id = $1 and revoked_at is null returning id`,
      [before.id, now],
    )
    devicesSignedOut = revoked.length
  }
  const action =
    changes.disabled === undefined
      ? 'account-changed'
      : disabled
        ? 'account-disabled'
        : 'account-enabled'
  await writeAudit(tx, now, actorId, action, {
    accountId: before.id,
    changes,
    ...(devicesSignedOut > 0 ? { devicesSignedOut } : {}),
  })
  return accountRow(updated ?? {})
}
