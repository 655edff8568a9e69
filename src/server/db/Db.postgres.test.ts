import { inject } from 'vitest'
import { describeDbSuite } from '../../../tests/support/describeDbSuite'
import { postgresTestDatabase } from '../../../tests/support/postgresTestDatabase'
import { openPostgresDb } from './openPostgresDb'

// The cluster comes from tests/support/postgresGlobalSetup.ts (or COPYDESK_TEST_DATABASE_URL).
const postgres = inject('testPostgres')

describeDbSuite('PostgreSQL', postgres.skip, async () => {
  if (postgres.url === null) throw new Error(postgres.skip)
  const database = await postgresTestDatabase(postgres.url)
  const db = await openPostgresDb({ url: database.url })
  const other = await openPostgresDb({ url: database.url })
  return {
    db,
    other,
    openAs: async (role) => {
      const url = new URL(database.url)
      url.username = role
      return openPostgresDb({ url: url.toString(), maxConnections: 2 })
    },
    dispose: async () => {
      await Promise.all([db.close(), other.close()])
      await database.drop()
    },
  }
})
