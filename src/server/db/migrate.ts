import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from './Db'

export type Migration = { version: number; name: string; sql: string }

/** Where the shipped migrations live (a build must copy this folder next to the server's code). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

/** Every advisory lock this app takes has a fixed key; this one queues concurrent migrators. */
const MIGRATION_LOCK = 4242_0014

/** Reads `NNN_name.sql` files in version order; line endings are normalised so a checkout's CRLF is no edit. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{3,}_[\w-]+\.sql$/.test(name)).sort()
  const migrations: Migration[] = []
  for (const name of names) {
    const sql = (await readFile(join(dir, name), 'utf8')).replace(/\r\n/g, '\n')
    const version = Number.parseInt(name, 10)
    if (migrations.some((m) => m.version === version))
      throw new Error(`Two migrations have version ${version} in ${dir}`)
    migrations.push({ version, name, sql })
  }
  return migrations
}

/**
 * Brings the schema up to date in ONE transaction under an advisory lock: servers starting together
 * queue (the second finds nothing to do), and a failing migration leaves nothing half applied.
 * Refuses to start on a migration edited after it was applied, or on a database a newer server
 * has migrated past what this one knows. Resolves to the names applied now.
 */
export function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    // A role that only serves (grantServingRole: no CREATE) may run this too: with nothing to do,
    // it needs no DDL. Only a schema that lacks something needs the owner.
    const [existing] = await tx.query(
      `select to_regclass('schema_migrations') is not null as present`,
    )
    if (existing?.['present'] !== true)
      await tx.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`)
    const done = new Map<number, string>()
    for (const row of await tx.query('select version, checksum from schema_migrations'))
      done.set(Number(row.version), String(row.checksum))
    const known = new Set(migrations.map((m) => m.version))
    const unknown = [...done.keys()].filter((version) => !known.has(version))
    if (unknown.length > 0)
      throw new Error(
        `The database has migration ${Math.max(...unknown)} that this server does not know: it was migrated by a newer Copydesk. Upgrade this server.`,
      )
    const applied: string[] = []
    for (const migration of migrations) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex')
      const before = done.get(migration.version)
      if (before === checksum) continue
      if (before !== undefined)
        throw new Error(
          `Migration ${migration.name} was edited after it was applied to this database: put the change in a new migration.`,
        )
      await tx.exec(migration.sql)
      await tx.query(
        'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
        [migration.version, migration.name, checksum],
      )
      applied.push(migration.name)
    }
    return applied
  })
}
