import type { DbJson, DbQueries } from '../db/Db'

/** What the accounts slice writes to the audit trail; never a password, token or hash. */
export type AccountAuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'device-revoked'
  | 'account-created'
  | 'account-changed'
  | 'account-disabled'
  | 'account-enabled'
  | 'password-reset'

export async function writeAudit(
  tx: DbQueries,
  at: Date,
  actorId: string | null,
  action: AccountAuditAction,
  detail: { [key: string]: DbJson },
): Promise<void> {
  await tx.query(
    'insert into audit (at, actor_id, action, detail) values ($1::timestamptz, $2::uuid, $3, $4::jsonb)',
    [at, actorId, action, detail],
  )
}
