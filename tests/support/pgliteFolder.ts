import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { z } from 'zod'
import type { Db } from '../../src/server/db/Db'
import { loadMigrations, migrate, type Migration } from '../../src/server/db/migrate'
import { openPgliteDb } from '../../src/server/db/openPgliteDb'

async function pgliteVersion(): Promise<string> {
  const manifest = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile('node_modules/@electric-sql/pglite/package.json', 'utf8')))
  return manifest.version
}

/**
 * Makes `template` once: `make(folder)` fills a private folder, which is then renamed into place,
 * whole or not at all. Two processes asking at once both make one; the first rename wins and the
 * other removes its own (a run killed midway leaves only its `.pid.uuid` folder behind).
 */
async function ensureTemplate(
  template: string,
  make: (folder: string) => Promise<void>,
): Promise<string> {
  if (existsSync(template)) return template
  const building = `${template}.${process.pid}.${randomUUID()}`
  await mkdir(building, { recursive: true })
  try {
    await make(building)
    await rename(building, template)
  } catch (error) {
    await rm(building, { recursive: true, force: true })
    if (!existsSync(template)) throw error // not another run's template winning the rename
  }
  return template
}

/** The initdb'd, empty PGlite database of this PGlite version (node_modules/.cache). */
async function initdbTemplate(): Promise<string> {
  const template = resolve('node_modules/.cache', `copydesk-pglite-${await pgliteVersion()}`)
  return ensureTemplate(template, async (folder) => {
    const engine = await PGlite.create(folder)
    await engine.close()
  })
}

/** The migrated template's folder name: the PGlite version and a hash of every migration's name and text. */
export function migratedTemplateName(version: string, migrations: readonly Migration[]): string {
  const hash = createHash('sha256')
  for (const migration of migrations) hash.update(`${migration.name}\0${migration.sql}\0`)
  return `copydesk-pglite-${version}-migrated-${hash.digest('hex').slice(0, 16)}`
}

/**
 * The same database with every migration in src/server/db/migrations applied. Its name carries a
 * hash of the migrations' names and text: a new or edited migration makes (and uses) a new one.
 */
export async function migratedPgliteTemplate(): Promise<string> {
  const migrations = await loadMigrations()
  const template = resolve(
    'node_modules/.cache',
    migratedTemplateName(await pgliteVersion(), migrations),
  )
  if (existsSync(template)) return template
  const base = await initdbTemplate()
  return ensureTemplate(template, async (folder) => {
    // openPgliteDb keeps its database in <dataDir>/pgdata, next to its lock file.
    await cp(base, join(folder, 'pgdata'), { recursive: true })
    const db = await openPgliteDb({ dataDir: folder })
    try {
      await migrate(db, migrations)
    } finally {
      await db.close()
    }
    await rename(join(folder, 'pgdata'), `${folder}.pgdata`)
    await rm(folder, { recursive: true, force: true })
    await rename(`${folder}.pgdata`, folder)
  })
}

/**
 * Puts an empty, initdb'd PGlite database into `<dataDir>/pgdata`, as openPgliteDb would create it,
 * copied from a template kept in node_modules/.cache per PGlite version. Measured here: a new
 * database 15.3 s and ~800 MB; copying the template 1.5 s, then opening it 1.1 s. The first run
 * (and every fresh `npm ci`) builds the template once.
 */
export async function pgliteFolder(dataDir: string): Promise<void> {
  const template = await initdbTemplate()
  await mkdir(dataDir, { recursive: true })
  await cp(template, join(dataDir, 'pgdata'), { recursive: true })
}

/**
 * A migrated, empty desk database in `<dataDir>`, open: a copy of migratedPgliteTemplate() (the
 * migrations cost ~1.3 s on a quiet machine, several seconds on a busy one, per copy). What the
 * migrations made at random is made again, so no two copies are the same desk: the desk's id (a
 * workstation checks it talks to the desk it joined; another desk's token is refused by it).
 * Suites that test the migrations themselves start from pgliteFolder() and migrate for real.
 */
export async function openMigratedPgliteDb(dataDir: string): Promise<Db> {
  const template = await migratedPgliteTemplate()
  await mkdir(dataDir, { recursive: true })
  await cp(template, join(dataDir, 'pgdata'), { recursive: true })
  const db = await openPgliteDb({ dataDir })
  try {
    await db.query('update desk set id = gen_random_uuid(), created_at = now()')
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
