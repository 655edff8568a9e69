import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pgliteFolder } from '../../../tests/support/pgliteFolder'
import { postgresTestDatabase } from '../../../tests/support/postgresTestDatabase'
import { tempDir } from '../../../tests/support/tempDir'
import { systemClock } from '../../shared/domain/Clock'
import { openDesk, type OpenDeskOptions, type OpenedDesk } from '../composeDesk'
import { openDb } from '../db/openDb'
import { SECRET_KEY_FILE } from './SecretBox'

const REFUSAL = "this server's CMS secret key is not the desk's"
const FORGET_HINT =
  'if the desk\'s key is lost, "copydesk desk admin forget-cms-secrets --force" forgets the secrets sealed with it'

const serve = (database: string | null, dataDir: string, env: OpenDeskOptions['env'] = {}) =>
  openDesk({ database, dataDir, env, clock: systemClock, log: () => {}, version: 'test' })

async function refusal(opening: Promise<OpenedDesk>): Promise<string> {
  const outcome = await opening.then(
    async (desk) => {
      await desk.close()
      return 'started'
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  )
  return outcome
}

const postgres = inject('testPostgres')

// Review: each server without COPYDESK_SECRET_KEY made its own key file, and the servers of one desk
// then silently failed each other's pushes (a secret sealed by one does not open on the other).
describe.skipIf(postgres.url === null)(
  'servers of one desk on PostgreSQL with different CMS-secret keys',
  () => {
    let database: Awaited<ReturnType<typeof postgresTestDatabase>>
    let dirs: Awaited<ReturnType<typeof tempDir>>[] = []
    beforeAll(async () => {
      database = await postgresTestDatabase(postgres.url ?? '')
      dirs = [await tempDir('copydesk-key-a-'), await tempDir('copydesk-key-b-')]
    })
    afterAll(async () => {
      for (const dir of dirs) await dir.cleanup()
      await database?.drop()
    })

    it('the second server with another key refuses to start and says what to do; with the same key both start', async () => {
      const keyA = randomBytes(32).toString('hex')
      const first = await serve(database.url, '/nonexistent-never-used', {
        COPYDESK_SECRET_KEY: keyA,
      })
      try {
        const other = randomBytes(32).toString('base64')
        expect(
          await refusal(
            serve(database.url, '/nonexistent-never-used', { COPYDESK_SECRET_KEY: other }),
          ),
        ).toBe(
          `${REFUSAL}: give every server of a desk the same COPYDESK_SECRET_KEY (or copy /nonexistent-never-used/${SECRET_KEY_FILE}); ${FORGET_HINT}`,
        )
        // Its own key file (no COPYDESK_SECRET_KEY) is another key too, and the message names the file.
        const dir = dirs[0]?.path ?? ''
        expect(await refusal(serve(database.url, dir))).toContain(
          `(or copy ${join(dir, SECRET_KEY_FILE)})`,
        )
        // The same key, as hex or base64 or in the key file: it starts.
        expect(
          await refusal(
            serve(database.url, '/nonexistent-never-used', {
              COPYDESK_SECRET_KEY: Buffer.from(keyA, 'hex').toString('base64'),
            }),
          ),
        ).toBe('started')
        const copied = dirs[1]?.path ?? ''
        await writeFile(join(copied, SECRET_KEY_FILE), `${keyA}\n`, { mode: 0o600 })
        const second = await serve(database.url, copied)
        await second.close()
      } finally {
        await first.close()
      }
      // The desk keeps a check value, never the key.
      const db = await openDb(database.url, '/nonexistent-never-used')
      try {
        const stored = JSON.stringify(await db.query('select * from desk'))
        expect(stored).toMatch(/"secret_key_check":"[0-9a-f]{64}"/)
        expect(stored).not.toContain(keyA)
        expect(stored).not.toContain(Buffer.from(keyA, 'hex').toString('base64'))
      } finally {
        await db.close()
      }
    })
  },
)

describe('a desk on the embedded database whose CMS-secret key changed', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeAll(async () => {
    dir = await tempDir('copydesk-key-pglite-')
    await pgliteFolder(dir.path)
  })
  afterAll(() => dir?.cleanup())

  it('refuses to start with another key, and starts again with its own', async () => {
    const first = await serve(null, dir.path)
    await first.close()
    const keyFile = join(dir.path, SECRET_KEY_FILE)
    const own = await readFile(keyFile, 'utf8')
    const other = randomBytes(32).toString('hex')
    expect(await refusal(serve(null, dir.path, { COPYDESK_SECRET_KEY: other }))).toBe(
      `${REFUSAL}: give every server of a desk the same COPYDESK_SECRET_KEY (or copy ${keyFile}); ${FORGET_HINT}`,
    )
    expect(await refusal(serve(null, dir.path, { COPYDESK_SECRET_KEY: own.trim() }))).toBe(
      'started',
    )
    expect(await refusal(serve(null, dir.path))).toBe('started')
  })
})
