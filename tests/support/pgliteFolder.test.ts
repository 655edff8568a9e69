import { afterAll, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../../src/server/db/migrate'
import { migratedTemplateName, openMigratedPgliteDb } from './pgliteFolder'
import { tempDir } from './tempDir'

const folders: { cleanup: () => Promise<void> }[] = []
afterAll(async () => {
  for (const folder of folders) await folder.cleanup()
})

it('the migrated template is another one when a migration is added or edited, or PGlite changes', async () => {
  const migrations = await loadMigrations()
  const name = migratedTemplateName('0.5.17', migrations)
  expect(migratedTemplateName('0.5.17', migrations)).toBe(name)
  const added = [
    ...migrations,
    { version: 999, name: '999_later.sql', sql: 'create table later (a int)' },
  ]
  const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m))
  expect(
    new Set([
      name,
      migratedTemplateName('0.5.18', migrations),
      migratedTemplateName('0.5.17', added),
      migratedTemplateName('0.5.17', edited),
    ]).size,
  ).toBe(4)
})

it('each copy is a migrated, empty desk of its own: its own desk id, nothing left to migrate', async () => {
  const ids: unknown[] = []
  for (const _ of [1, 2]) {
    const folder = await tempDir('copydesk-template-copy-')
    folders.push(folder)
    const db = await openMigratedPgliteDb(folder.path)
    try {
      expect(await migrate(db, await loadMigrations())).toEqual([])
      expect(await db.query('select count(*) as n from accounts')).toEqual([{ n: 0 }])
      expect(await db.query('select secret_key_check from desk')).toEqual([
        { secret_key_check: null },
      ])
      const [desk] = await db.query('select id from desk')
      ids.push(desk?.id)
    } finally {
      await db.close()
    }
  }
  expect(new Set(ids).size).toBe(2)
}, 60_000)
