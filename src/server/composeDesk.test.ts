import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { request } from 'node:https'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pgliteFolder } from '../../tests/support/pgliteFolder'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { tempDir } from '../../tests/support/tempDir'
import { createDeskClient } from '../shared/desk/createDeskClient'
import { DeskError } from '../shared/desk/DeskError'
import { systemClock, type Clock } from '../shared/domain/Clock'
import {
  composeDesk,
  openDesk,
  type DeskEnvironment,
  type DeskParts,
  type OpenedDesk,
} from './composeDesk'
import { SecretBox } from './outbox/SecretBox'
import type { Db } from './db/Db'
import { DESK_LOCK_FILE } from './db/DataFolderLock'
import { migrate } from './db/migrate'
import { openPostgresDb } from './db/openPostgresDb'
import { deskReadiness } from './deskReadiness'
import { ChangeFeed } from './feed/ChangeFeed'
import { createFeedHandlers } from './feed/createFeedHandlers'
import { startDeskServer } from './http/startDeskServer'
import { shippedMigrations } from './shippedMigrations'
import type { DeskLogLine } from './http/DeskLog'
import type { Principal } from './Principal'

const TOKEN = 'compose-test-token-DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD'
const WRITER: Principal = {
  accountId: '00000000-0000-4000-8000-000000000001',
  name: 'Writer',
  email: 'writer@desk.example',
  role: 'writer',
  deviceId: '00000000-0000-4000-9000-000000000001',
}

/**
 * The desk's parts as composeDesk builds them, with sign-in swapped for a TEST DOUBLE that knows one
 * token (until the accounts slice's authenticate is plugged into composeDesk at merge).
 */
function testDoubleParts(db: Db, clock: Clock, environment: DeskEnvironment): DeskParts {
  return {
    ...composeDesk(db, clock, environment),
    authenticate: async (token) => {
      if (token !== TOKEN) throw new DeskError('UNAUTHENTICATED', 'Unknown device token.')
      return WRITER
    },
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const postgres = inject('testPostgres')

describe.skipIf(postgres.url === null)('two desk servers on one PostgreSQL (scale-out)', () => {
  let database: Awaited<ReturnType<typeof postgresTestDatabase>>
  let a: OpenedDesk
  let b: OpenedDesk
  const logs: DeskLogLine[] = []
  beforeAll(async () => {
    database = await postgresTestDatabase(postgres.url ?? '')
    // Started together: the migrations queue on their advisory lock, the second finds nothing to do.
    const sharedKey = randomBytes(32).toString('hex')
    const start = () =>
      openDesk({
        database: database.url,
        dataDir: '/nonexistent-never-used',
        // Servers of one desk share the CMS secrets' key: then none of them needs a data folder.
        env: { COPYDESK_SECRET_KEY: sharedKey },
        clock: systemClock,
        log: (line) => logs.push(line),
        version: 'test',
        compose: testDoubleParts,
      })
    ;[a, b] = await Promise.all([start(), start()])
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
  })

  it('both serve the same desk, and a change made while one long-polls reaches it', async () => {
    const clientA = createDeskClient({ baseUrl: a.url, fetch, token: () => TOKEN })
    const clientB = createDeskClient({ baseUrl: b.url, fetch, token: () => TOKEN })
    expect((await clientA.getDesk({})).deskId).toBe((await clientB.getDesk({})).deskId)
    const { last } = await clientB.listChanges({ since: 0 })
    const waiting = clientB.listChanges({ since: last, wait: 25 })
    // A third process's connection makes the change (a save through server A would do the same).
    const writer = await openPostgresDb({ url: database.url, maxConnections: 1 })
    try {
      await until(() => b.feedsWaiting() === 1)
      await writer.query(`select record_change('scale-out', null, null, null)`)
    } finally {
      await writer.close()
    }
    const page = await waiting
    expect(page.changes.map((change) => change.kind)).toEqual(['scale-out'])
    expect(page.next).toBe(last + 1)
  })
})

describe.skipIf(postgres.url === null)('a desk server whose PostgreSQL goes away', () => {
  it('answers 503 UNAVAILABLE with a retry time (not 500), and /readyz says why', async () => {
    const database = await postgresTestDatabase(postgres.url ?? '')
    const db = await openPostgresDb({ url: database.url, maxConnections: 2 })
    const lines: DeskLogLine[] = []
    const feed = await ChangeFeed.start({ db })
    const environment = { secrets: SecretBox.fromKey(randomBytes(32)), log: () => {} }
    const parts = composeDesk(db, systemClock, environment)
    const server = await startDeskServer({
      handlers: {
        ...parts.accountHandlers,
        ...parts.storyHandlers,
        ...parts.outboxHandlers,
        ...parts.mediaHandlers,
        ...createFeedHandlers({ db, feed, serverVersion: 'test' }),
      },
      authenticate: testDoubleParts(db, systemClock, environment).authenticate,
      ready: deskReadiness(db, shippedMigrations()),
      log: (line) => lines.push(line),
      clock: systemClock,
    })
    try {
      await migrate(db, shippedMigrations())
      const client = createDeskClient({ baseUrl: server.url, fetch, token: () => TOKEN })
      expect((await client.listChanges({ since: 0 })).changes).toEqual([])
      await feed.stop()
      await db.close()
      const refused = await client.listChanges({ since: 0 }).catch((e: unknown) => e)
      expect(refused).toMatchObject({ code: 'UNAVAILABLE', details: { retryAfterSeconds: 5 } })
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(503)
      expect(await ready.json()).toMatchObject({
        error: { message: expect.stringContaining('the database does not answer') },
      })
      expect(lines.map((line) => line.event)).toContain('database-unavailable')
      expect(lines.map((line) => line.event)).not.toContain('handler-failed')
    } finally {
      await server.close()
      await database.drop()
    }
  })
})

describe('openDesk on the embedded database', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeAll(async () => {
    dir = await tempDir('copydesk-compose-')
    await pgliteFolder(dir.path)
  })
  afterAll(() => dir?.cleanup())

  it('serves HTTPS with the given certificate, and a stop ends long polls and lets go of the folder', async () => {
    const key = join(dir.path, 'key.pem')
    const cert = join(dir.path, 'cert.pem')
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ])
    const ca = await readFile(cert)
    const desk = await openDesk({
      database: null,
      dataDir: dir.path,
      clock: systemClock,
      log: () => {},
      version: 'test',
      tls: { cert: ca, key: await readFile(key) },
      compose: testDoubleParts,
    })
    expect(desk.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${desk.url}${path}`,
          { ca, headers: { authorization: `Bearer ${TOKEN}` } },
          (res) => {
            let body = ''
            res.on('data', (chunk: Buffer) => (body += chunk.toString()))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
          },
        )
        req.on('error', reject)
        req.end()
      })
    expect(await get('/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' })
    const { last } = JSON.parse((await get('/v1/changes?since=0')).body)
    const parked = get(`/v1/changes?since=${last}&wait=25`)
    await until(() => desk.feedsWaiting() === 1)
    await desk.close()
    expect(JSON.parse((await parked).body)).toMatchObject({ changes: [], next: last })
    expect(existsSync(join(dir.path, DESK_LOCK_FILE))).toBe(false)
  })
})
