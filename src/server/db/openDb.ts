import type { Db } from './Db'
import { openPgliteDb } from './openPgliteDb'
import { openPostgresDb } from './openPostgresDb'

/**
 * The desk server's database: PostgreSQL when `database` is a `postgres://` or `postgresql://` URL
 * (from `--database` or DATABASE_URL), else the embedded PGlite in the desk's data folder.
 */
export async function openDb(database: string | null, dataDir: string): Promise<Db> {
  if (database === null || database === '') return openPgliteDb({ dataDir })
  if (/^postgres(ql)?:\/\//.test(database)) return openPostgresDb({ url: database })
  throw new Error(
    `--database must be a postgres:// or postgresql:// URL (got ${JSON.stringify(database.split(':')[0])}…); leave it out to use the embedded database in the data folder`,
  )
}
