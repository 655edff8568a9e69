import { recordChange } from '../feed/recordChange'
import type { AccountRole } from '../../shared/desk/AccountRole'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db } from '../db/Db'
import { sqlStateOf } from '../db/sqlStateOf'
import { ACCOUNT_COLUMNS, accountRow, type AccountRow } from './accountRows'
import { ADVISORY_LOCKS } from './advisoryLocks'
import { writeAudit } from './writeAudit'

export type NewAccount = { email: string; name: string; role: AccountRole; passwordHash: string }

/**
 * Adds an account with its audit row; CONFLICT for an e-mail taken (ignoring case). `firstAdmin`:
 * refused (REFUSED) once the desk has any desk admin.
 */
export async function insertAccount(
  db: Db,
  now: Date,
  actorId: string | null,
  account: NewAccount,
  firstAdmin: boolean,
): Promise<AccountRow> {
  try {
    return await db.transaction(async (tx) => {
      if (firstAdmin) {
        await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.admins])
        const [admin] = await tx.query(
          "select email from accounts where role = 'desk-admin' order by created_at limit 1",
        )
        if (admin !== undefined)
          throw new DeskError(
            'REFUSED',
            `This desk already has a desk admin (${String(admin.email)}): add accounts as them, with "copydesk desk admin add" or the API.`,
          )
      }
      const [inserted] = await tx.query(
        `insert into accounts (email, name, role, password_hash, created_at, updated_at)
         values ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz) returning ${ACCOUNT_COLUMNS}`,
        [account.email, account.name, account.role, account.passwordHash, now],
      )
      const created = accountRow(inserted ?? {})
      await writeAudit(tx, now, actorId, 'account-created', {
        accountId: created.id,
        email: created.email,
        name: created.name,
        role: created.role,
      })
      await recordChange(tx, 'account_changed', null, null, actorId)
      return created
    })
  } catch (error) {
    if (sqlStateOf(error) === '23505')
      throw new DeskError(
        'CONFLICT',
        `An account with the e-mail ${account.email} already exists.`,
        {
          email: account.email,
        },
      )
    throw error
  }
}
