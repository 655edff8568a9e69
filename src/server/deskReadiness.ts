import type { Db } from './db/Db'
import type { Migration } from './db/migrate'

/**
 * Whether this server can take work: the database answers and its schema has every migration this
 * server knows (another server may have started a newer schema; this one then keeps serving until
 * stopped). Null when ready, else why not, for GET /readyz.
 */
export function deskReadiness(
  db: Db,
  migrations: readonly Migration[],
): () => Promise<string | null> {
  return async () => {
    try {
      await db.query('select 1')
    } catch (error) {
      return `the database does not answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
    }
    const rows = await db.query('select version from schema_migrations')
    const applied = new Set(rows.map((row) => Number(row.version)))
    const missing = migrations.filter((m) => !applied.has(m.version)).map((m) => m.name)
    return missing.length === 0 ? null : `the schema lacks ${missing.join(', ')}`
  }
}
