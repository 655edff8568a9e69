import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  buildCliBundle,
  createFirstAdmin,
  startDeskServerProcess,
  type CliBundle,
  type DeskLocation,
  type DeskServerProcess,
} from '../../tests/support/deskServerProcess'
import { pgliteFolder } from '../../tests/support/pgliteFolder'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { draftStory, edited } from '../../tests/support/storyDesk'
import { tempDir } from '../../tests/support/tempDir'
import { createDeskClient, type DeskClient } from '../shared/desk/createDeskClient'
import { DeskError } from '../shared/desk/DeskError'
import { transportDetailsOf } from '../shared/desk/DeskTransportErrors'
import type { Article } from '../shared/domain/Article'
import { DESK_LOCK_FILE } from './db/DataFolderLock'
import { openDb } from './db/openDb'

const postgres = inject('testPostgres')
const PASSWORD = 'crash test password'
const ROUNDS = 3
/** Saves acknowledged in a round before the kill may come (so it lands mid-burst). */
const ACKS_BEFORE_KILL = 6

type Ack = { id: string; revision: number; body: Article['body']; accountId: string }

/** One workstation: a device token, its own stories and the revision it last saw of each. */
type Workstation = {
  name: string
  token: string
  accountId: string
  stories: Map<string, { article: Article; revision: number }>
}

type Engine = {
  name: string
  skip: string | null
  open: () => Promise<{ where: DeskLocation; lockFile: string | null; dispose(): Promise<void> }>
}

const ENGINES: Engine[] = [
  {
    name: 'the embedded database (PGlite in a data folder)',
    skip: null,
    open: async () => {
      const dir = await tempDir('copydesk-crash-')
      await pgliteFolder(dir.path)
      return {
        where: { dataDir: dir.path },
        lockFile: join(dir.path, DESK_LOCK_FILE),
        dispose: dir.cleanup,
      }
    },
  },
  {
    name: 'PostgreSQL',
    skip: postgres.skip,
    open: async () => {
      const database = await postgresTestDatabase(postgres.url ?? '')
      return { where: { database: database.url }, lockFile: null, dispose: database.drop }
    },
  },
]

function clientOf(server: DeskServerProcess, token: string | null): DeskClient {
  return createDeskClient({ baseUrl: server.url, fetch, token: () => token })
}

/** Saves as fast as it gets answers until the server is gone; every resolved save is recorded. */
async function burst(
  client: DeskClient,
  station: Workstation,
  round: number,
  acks: Ack[],
): Promise<void> {
  for (let n = 0; ; n += 1) {
    const known = [...station.stories.values()]
    const pick = known.length < 3 || Math.random() < 0.3 ? null : known[n % known.length]
    const text = `${station.name}, round ${round}, save ${n}`
    const article = pick ? edited(pick.article, text) : edited(draftStory(), text)
    try {
      const saved = await client.saveStory({
        document: article,
        ...(pick ? { baseRevision: pick.revision } : {}),
      })
      acks.push({
        id: article.id,
        revision: saved.revision,
        body: article.body,
        accountId: station.accountId,
      })
      station.stories.set(article.id, { article, revision: saved.revision })
    } catch (error) {
      const wait = transportDetailsOf(
        error instanceof DeskError ? error : { code: '' },
        'RATE_LIMITED',
      )
      if (wait) {
        await new Promise((wake) => setTimeout(wake, wait.retryAfterSeconds * 1000))
        continue
      }
      // The server was killed under it: the workstation stops until the desk is back.
      if (error instanceof DeskError && error.code === 'UNAVAILABLE') return
      throw error
    }
  }
}

for (const engine of ENGINES) {
  const title = `a desk server SIGKILLed during bursts of saves, on ${engine.name}`
  describe.skipIf(engine.skip !== null)(
    engine.skip === null ? title : `${title} (skipped: ${engine.skip})`,
    () => {
      let bundle: CliBundle
      let desk: Awaited<ReturnType<Engine['open']>>
      let server: DeskServerProcess | null = null
      beforeAll(async () => {
        bundle = await buildCliBundle()
        desk = await engine.open()
      })
      afterAll(async () => {
        await server?.kill('SIGKILL')
        await desk?.dispose()
        await bundle?.remove()
      })

      it(`keeps every acknowledged save through ${ROUNDS} kills and restarts on the same desk`, async () => {
        await createFirstAdmin(bundle, desk.where, {
          email: 'admin@crash.example',
          name: 'Asha Admin',
          password: PASSWORD,
        })
        server = await startDeskServerProcess(bundle, desk.where)
        const signIn = async (email: string, device: string): Promise<Workstation> => {
          const session = await clientOf(server ?? never(), null).signIn({
            email,
            password: PASSWORD,
            deviceName: device,
          })
          const name = `${email} on ${device}`
          return { name, token: session.token, accountId: session.account.id, stories: new Map() }
        }
        const admin = await signIn('admin@crash.example', 'Desk PC')
        await clientOf(server, admin.token).createAccount({
          email: 'wren@crash.example',
          name: 'Wren Lee',
          role: 'writer',
          password: PASSWORD,
        })
        const stations = [
          admin,
          ...(await Promise.all([
            signIn('admin@crash.example', 'Laptop'),
            signIn('wren@crash.example', 'Field laptop'),
          ])),
        ]
        const acks: Ack[] = []

        for (let round = 1; round <= ROUNDS; round += 1) {
          const running = server
          // A save the server committed but never answered moved a story on: start from the desk's.
          for (const station of stations)
            for (const [id, known] of station.stories)
              known.revision = (
                await patiently(() => clientOf(running, station.token).getStory({ id }))
              ).revision
          const before = acks.length
          const bursts = Promise.all(
            stations.map((station) =>
              burst(clientOf(running, station.token), station, round, acks),
            ),
          )
          while (acks.length < before + ACKS_BEFORE_KILL)
            await new Promise((wake) => setTimeout(wake, 5))
          await new Promise((wake) => setTimeout(wake, Math.random() * 300))
          expect(await running.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
          await bursts
          // The killed server's lock is still there; the restart must take it over.
          if (desk.lockFile !== null) expect(existsSync(desk.lockFile)).toBe(true)
          server = await startDeskServerProcess(bundle, desk.where)

          // Each workstation reads back its own acknowledged saves of the round through the new server.
          const fresh = server
          await Promise.all(
            stations.map(async (station) => {
              const reader = clientOf(fresh, station.token)
              for (const ack of acks
                .slice(before)
                .filter((a) => a.accountId === station.accountId)) {
                const stored = await patiently(() =>
                  reader.getRevision({ id: ack.id, number: ack.revision }),
                )
                expect(stored.document.body, `${ack.id} r${ack.revision}`).toEqual(ack.body)
                expect(stored.savedBy.accountId).toBe(ack.accountId)
              }
            }),
          )
        }
        expect(acks.length).toBeGreaterThanOrEqual(ROUNDS * ACKS_BEFORE_KILL)
        expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
        server = null

        // And all of them, from every round, read straight from the database after a clean stop.
        const db = await openDb(
          'database' in desk.where ? desk.where.database : null,
          'dataDir' in desk.where ? desk.where.dataDir : '/nonexistent',
        )
        try {
          const rows = await db.query(
            'select article_id, number, document, saved_by from revisions order by article_id, number',
          )
          const stored = new Map(
            rows.map((row) => [`${String(row['article_id'])}/${String(row['number'])}`, row]),
          )
          for (const ack of acks)
            expect(
              stored.get(`${ack.id}/${ack.revision}`),
              `${ack.id} r${ack.revision}`,
            ).toMatchObject({
              document: { body: ack.body },
              saved_by: ack.accountId,
            })
        } finally {
          await db.close()
        }
      })
    },
  )
}

/** A read that honours Retry-After, as a workstation does. */
async function patiently<T>(read: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await read()
    } catch (error) {
      const wait = transportDetailsOf(
        error instanceof DeskError ? error : { code: '' },
        'RATE_LIMITED',
      )
      if (!wait) throw error
      await new Promise((wake) => setTimeout(wake, wait.retryAfterSeconds * 1000))
    }
  }
}

function never(): never {
  throw new Error('no server')
}
