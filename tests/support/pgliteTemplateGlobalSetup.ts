import { migratedPgliteTemplate } from './pgliteFolder'

/**
 * Makes the migrated PGlite template (tests/support/pgliteFolder.ts) once, before any worker starts,
 * so the workers copy it instead of each paying initdb and the migrations on a fresh clone.
 */
export default async function setup(): Promise<void> {
  await migratedPgliteTemplate()
}
