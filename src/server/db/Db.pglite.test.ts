import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeDbSuite } from '../../../tests/support/describeDbSuite'
import { pgliteFolder } from '../../../tests/support/pgliteFolder'
import { tempDir } from '../../../tests/support/tempDir'
import { DESK_LOCK_FILE } from './DataFolderLock'
import { loadMigrations, migrate } from './migrate'
import { openPgliteDb } from './openPgliteDb'

// One engine for the whole file, in a real data folder as the server uses it, copied from a cached
// template (a new PGlite costs ~15 s of initdb and ~800 MB). The folder test reopens the same folder.
const folder = await tempDir('copydesk-pglite-')
await pgliteFolder(folder.path)
afterAll(() => folder.cleanup())

describeDbSuite('PGlite (embedded)', null, async () => {
  const db = await openPgliteDb({ dataDir: folder.path })
  return { db, other: db, dispose: () => db.close() }
})

describe('PGlite in its data folder', () => {
  it('keeps the desk across a restart, holds the folder while open and lets go on close', async () => {
    const migrations = await loadMigrations()
    const first = await openPgliteDb({ dataDir: folder.path })
    await first.exec('drop schema public cascade; create schema public') // whatever the suite left
    await migrate(first, migrations)
    const [desk] = await first.query('select id from desk')
    await first.query(
      `insert into accounts (email, name, role, password_hash) values ('keep@desk.example', 'Kept', 'writer', 'x')`,
    )
    await expect(openPgliteDb({ dataDir: folder.path })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
    })
    await first.close()
    expect(existsSync(join(folder.path, DESK_LOCK_FILE))).toBe(false)

    const again = await openPgliteDb({ dataDir: folder.path })
    try {
      expect(await migrate(again, migrations)).toEqual([])
      expect(await again.query('select id from desk')).toEqual([desk])
      expect(
        await again.query(`select name from accounts where email = 'keep@desk.example'`),
      ).toEqual([{ name: 'Kept' }])
    } finally {
      await again.close()
    }
  })
})
