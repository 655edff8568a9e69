import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { draftStory } from '../../tests/support/storyDesk'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { createDeskClient } from '../shared/desk/createDeskClient'
import { systemClock } from '../shared/domain/Clock'
import { AccountService } from './accounts/AccountService'
import { ScryptPasswordHasher } from './accounts/ScryptPasswordHasher'
import { openDesk, type OpenedDesk } from './composeDesk'
import type { Db } from './db/Db'
import { openPostgresDb } from './db/openPostgresDb'
import { migrate } from './db/migrate'
import { sqlStateOf } from './db/sqlStateOf'
import { shippedMigrations } from './shippedMigrations'

const postgres = inject('testPostgres')
const PASSWORD = 'a long admin passphrase'

// A desk whose server connects as a role that does not own the tables: the owner (here the
// cluster's superuser) migrates and grants; the serving role can add to the audit trail but can
// neither change it nor switch its guard off.
describe.skipIf(postgres.url === null)('a desk server serving as a role that owns no table', () => {
  let database: Awaited<ReturnType<typeof postgresTestDatabase>>
  let desk: OpenedDesk
  let asServingRole: Db
  const role = `copydesk_serve_${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    database = await postgresTestDatabase(postgres.url ?? '')
    const owner = await openPostgresDb({ url: database.url, maxConnections: 1 })
    await owner.exec(`create role ${role} login`)
    await owner.close()
    const serving = new URL(database.url)
    serving.username = role
    desk = await openDesk({
      database: serving.toString(),
      migrateDatabase: database.url,
      dataDir: '/nonexistent-never-used',
      env: { COPYDESK_SECRET_KEY: randomBytes(32).toString('hex') },
      clock: systemClock,
      log: () => {},
      version: 'test',
    })
    asServingRole = await openPostgresDb({ url: serving.toString(), maxConnections: 1 })
  })
  afterAll(async () => {
    await desk?.close()
    await asServingRole?.close()
    await database?.drop()
  })

  it('signs in, saves and audits as that role, which cannot change the trail', async () => {
    const accounts = new AccountService(asServingRole, systemClock, {
      hasher: new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } }),
    })
    const admin = await accounts.createFirstAdmin('chief@desk.example', 'Asha Rao', PASSWORD)
    const client = createDeskClient({ baseUrl: desk.url, fetch, token: () => null })
    const { token } = await client.signIn({
      email: 'chief@desk.example',
      password: PASSWORD,
      deviceName: 'Desk PC',
    })
    const signedIn = createDeskClient({ baseUrl: desk.url, fetch, token: () => token })
    const saved = await signedIn.saveStory({
      document: draftStory({ headline: 'Served as a role' }),
    })
    expect(saved.revision).toBe(1)

    const [own] = await asServingRole.query(
      `select count(*)::int as n from audit where actor_id = $1`,
      [admin.id],
    )
    expect(Number(own?.n)).toBeGreaterThan(0)
    const refusal = (sql: string) =>
      asServingRole.query(sql).then(
        () => null,
        (error: unknown) => sqlStateOf(error),
      )
    expect(await refusal(`update audit set action = 'rewritten'`)).toBe('42501')
    expect(await refusal('delete from revisions')).toBe('42501')
    expect(await refusal('alter table audit disable trigger audit_append_only')).toBe('42501')
  })

  // Bug (review of issue 14): migrate() always ran CREATE TABLE IF NOT EXISTS, which a serving role
  // may not, so `desk admin` with the server's DATABASE_URL failed on a current schema.
  it('lets the serving role find a current schema current, with no DDL (desk admin works as that role)', async () => {
    expect(await migrate(asServingRole, shippedMigrations())).toEqual([])
  })
})
