import { afterAll, describe, inject } from 'vitest'
import type { Db } from '../../src/server/db/Db'
import { loadMigrations, migrate } from '../../src/server/db/migrate'
import { openPostgresDb } from '../../src/server/db/openPostgresDb'
import { openMigratedPgliteDb } from './pgliteFolder'
import { postgresTestDatabase } from './postgresTestDatabase'
import { tempDir } from './tempDir'

/**
 * A migrated, empty desk database. `other` is a second handle on the same database (another server
 * process's connections on PostgreSQL; the same engine on PGlite, where one process owns a folder).
 */
export type DeskDatabase = { db: Db; other: Db; engine: 'pglite' | 'postgres' }

/**
 * Runs `suite` once per engine the desk server runs on: the embedded PGlite and the real PostgreSQL
 * of tests/support/postgresGlobalSetup.ts (skipped, with the reason in its name, where there is
 * none). `open` makes a fresh desk database for the suite, closed and removed after it; call it in a
 * beforeAll (a PGlite costs ~2.5 s to open, so one per file is the budget, not one per test).
 */
export function eachDeskEngine(
  title: string,
  suite: (open: () => Promise<DeskDatabase>) => void,
): void {
  const postgres = inject('testPostgres')
  const engines = [
    { name: 'PGlite (embedded)', skip: null, open: openPglite },
    { name: 'PostgreSQL', skip: postgres.skip, open: () => openPostgres(postgres.url) },
  ]
  for (const engine of engines) {
    const name = engine.skip === null ? engine.name : `${engine.name} (skipped: ${engine.skip})`
    describe.skipIf(engine.skip !== null)(`${title} on ${name}`, () => {
      const disposers: (() => Promise<void>)[] = []
      afterAll(async () => {
        for (const dispose of disposers.reverse()) await dispose()
      })
      suite(async () => {
        const opened = await engine.open()
        disposers.push(opened.dispose)
        // A PGlite copy comes migrated (the cached template): this finds nothing to do, and fails
        // the suite if the template were behind the migrations.
        await migrate(opened.database.db, await loadMigrations())
        return opened.database
      })
    })
  }
}

async function openPglite(): Promise<{ database: DeskDatabase; dispose(): Promise<void> }> {
  const folder = await tempDir('copydesk-desk-')
  const db = await openMigratedPgliteDb(folder.path)
  return {
    database: { db, other: db, engine: 'pglite' },
    dispose: async () => {
      await db.close()
      await folder.cleanup()
    },
  }
}

async function openPostgres(
  clusterUrl: string | null,
): Promise<{ database: DeskDatabase; dispose(): Promise<void> }> {
  if (clusterUrl === null) throw new Error('no PostgreSQL for this run')
  const created = await postgresTestDatabase(clusterUrl)
  const db = await openPostgresDb({ url: created.url })
  const other = await openPostgresDb({ url: created.url })
  return {
    database: { db, other, engine: 'postgres' },
    dispose: async () => {
      await Promise.all([db.close(), other.close()])
      await created.drop()
    },
  }
}
