import type { Db } from './Db'

/** Tables the serving role may only read and add to; each also has a refuse_change trigger. */
export const APPEND_ONLY_TABLES = [
  'audit',
  'revisions',
  'kept_copies',
  'save_receipts',
  'transition_receipts',
] as const

/**
 * On real PostgreSQL, gives the role the server runs as (not the one that migrates and owns the
 * tables: an owner may disable the append-only triggers) what it needs and no more: rows of every
 * table, but only SELECT and INSERT on the append-only ones, and only SELECT on schema_migrations.
 * Run after each migration, as the owner; idempotent. PGlite has one superuser session: there the
 * triggers are the guard.
 */
export async function grantServingRole(db: Db, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new Error(`Role name ${JSON.stringify(role)} is not a lower-case SQL identifier`)
  const appendOnly = APPEND_ONLY_TABLES.join(', ')
  await db.transaction(async (tx) => {
    await tx.exec(`
      grant usage on schema public to ${role};
      grant select, insert, update, delete on all tables in schema public to ${role};
      revoke update, delete, truncate on ${appendOnly} from ${role};
      revoke insert, update, delete, truncate on schema_migrations from ${role};
      grant usage on all sequences in schema public to ${role};`)
  })
}
