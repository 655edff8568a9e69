import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  buildCliBundle,
  createFirstAdmin,
  startDeskServerProcess,
  type CliBundle,
} from '../../tests/support/deskServerProcess'
import { pgliteFolder } from '../../tests/support/pgliteFolder'
import { tempDir } from '../../tests/support/tempDir'
import { DataFolderLock, DESK_LOCK_FILE } from '../server/db/DataFolderLock'
import { createDeskClient } from '../shared/desk/createDeskClient'
import type { CliValues } from './cliValues'
import { deskServeCommand, type StopRequests } from './deskServeCommand'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

// Opening an embedded database takes seconds on a busy machine; building the CLI a few more.
const SLOW = { timeout: 120_000 }

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => (dir = await tempDir('copydesk-serve-')))
afterEach(() => dir.cleanup())

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10))
}

/** `copydesk desk serve …` in this process, with a stop the test pulls instead of a signal. */
function serve(values: Partial<CliValues>, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  let requestStop: () => void = () => {}
  const stopRequests: StopRequests = (stop) => {
    requestStop = stop
    return () => {}
  }
  const running = deskServeCommand(stopRequests).run({
    args: ['serve'],
    values: {
      json: false,
      help: false,
      create: false,
      'not-a-kill': false,
      force: false,
      ...values,
    },
    io: { out: (text) => out.push(text), err: (text) => err.push(text) },
    dataDir: () => dir.path,
    env,
    withWorkstation: () => Promise.reject(new Error('desk serve needs no workstation')),
  })
  if (!running) throw new Error('desk serve refused its arguments')
  return { running, out, err, stop: () => requestStop() }
}

function cli(...args: string[]) {
  return runCliCaptured(args)
}

describe('copydesk desk serve: refusals in one line', () => {
  it('refuses bad options as usage errors (exit 2)', async () => {
    for (const args of [
      ['--port', 'http'],
      ['--port', '70000'],
      ['--tls-cert', 'cert.pem'],
      ['--tls-key', 'key.pem'],
    ]) {
      const result = await cli('desk', 'serve', ...args, '--data-dir', dir.path)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.err.split('\n'), args.join(' ')).toHaveLength(1)
    }
    expect((await cli('desk', 'nonsense')).code).toBe(2)
  })

  it('names a TLS file it cannot read, and TLS files that are not a certificate and key (exit 1)', async () => {
    const missing = await cli(
      'desk',
      'serve',
      '--tls-cert',
      join(dir.path, 'no.pem'),
      '--tls-key',
      join(dir.path, 'no.key'),
      '--data-dir',
      dir.path,
    )
    expect(missing).toMatchObject({ code: 1 })
    expect(missing.err).toBe(
      `copydesk: cannot read --tls-cert ${join(dir.path, 'no.pem')} (ENOENT).`,
    )
    await writeFile(join(dir.path, 'junk.pem'), 'not a certificate')
    const junk = await cli(
      'desk',
      'serve',
      '--tls-cert',
      join(dir.path, 'junk.pem'),
      '--tls-key',
      join(dir.path, 'junk.pem'),
      '--data-dir',
      dir.path,
    )
    expect(junk.code).toBe(1)
    expect(junk.err).toMatch(
      /^copydesk: --tls-cert .* are not a usable PEM certificate and its key \(.+\)\.$/,
    )
  })

  it('says the database cannot be reached, naming where but never the password (exit 1)', async () => {
    const result = await cli(
      'desk',
      'serve',
      '--database',
      'postgres://desk:s3cret@127.0.0.1:1/newsdesk',
      '--data-dir',
      dir.path,
    )
    expect(result.code).toBe(1)
    expect(result.err).toBe(
      'copydesk: cannot reach the database at 127.0.0.1:1/newsdesk (ECONNREFUSED): is PostgreSQL running there?',
    )
    // DATABASE_URL when no --database.
    const fromEnv = serve({}, { DATABASE_URL: 'postgresql://desk:s3cret@127.0.0.1:1/other' })
    expect(await fromEnv.running).toBe(1)
    expect(fromEnv.err.join('\n')).toContain('127.0.0.1:1/other')
    expect(fromEnv.err.join('\n')).not.toContain('s3cret')
  })

  // Review of issue 14: the owner's URL (with its password) had to be an argument, which any user of
  // the machine can read in the process list; MIGRATE_DATABASE_URL keeps it in the environment.
  it('takes the owner URL from MIGRATE_DATABASE_URL, and refuses it for an embedded database (exit 1)', async () => {
    const owner = serve(
      { 'data-dir': dir.path },
      { MIGRATE_DATABASE_URL: 'postgres://owner:s3cret@127.0.0.1:1/desk' },
    )
    expect(await owner.running).toBe(1)
    expect(owner.err.join('\n')).toBe(
      "copydesk: the desk server could not start: --migrate-database (MIGRATE_DATABASE_URL) is for PostgreSQL: give the owner's postgres:// URL there and the serving role's in --database",
    )
  })

  it('refuses a data folder another desk server holds, naming it (exit 1)', async () => {
    const lock = await DataFolderLock.acquire(dir.path, 'desk server (embedded database)')
    try {
      const result = await cli('desk', 'serve', '--data-dir', dir.path)
      expect(result.code).toBe(1)
      expect(result.err).toMatch(
        /^copydesk: .* is in use by desk server \(embedded database\) \(process \d+\)\. Stop it first/,
      )
    } finally {
      await lock.release()
    }
  })

  it('refuses a port in use, and lets go of the data folder (exit 1)', SLOW, async () => {
    await pgliteFolder(dir.path)
    const taken = createServer()
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done))
    const address = taken.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const result = await cli('desk', 'serve', '--port', String(port), '--data-dir', dir.path)
      expect(result.code).toBe(1)
      expect(result.err).toBe(
        `copydesk: port ${port} on 127.0.0.1 is already in use (another desk server?): choose another with --port.`,
      )
      expect(existsSync(join(dir.path, DESK_LOCK_FILE))).toBe(false)
    } finally {
      taken.close()
    }
  })
})

describe('copydesk desk serve: a running server', () => {
  it(
    'says where it is ready, answers, warns when bound beyond loopback without TLS, stops on request',
    SLOW,
    async () => {
      await pgliteFolder(dir.path)
      const server = serve({ 'data-dir': dir.path, host: '0.0.0.0', port: '0' })
      await until(() => server.out.some((line) => line.startsWith('Desk server ready at')))
      expect(server.err).toEqual([
        'copydesk: warning: serving on 0.0.0.0 without TLS: device tokens and stories cross the network readable. Use --tls-cert and --tls-key, or a reverse proxy with TLS in front of a loopback server.',
      ])
      const ready = server.out.find((line) => line.startsWith('Desk server ready at')) ?? ''
      const url = /at (http:\/\/\S+) /.exec(ready)?.[1] ?? ''
      expect(ready).toBe(
        `Desk server ready at ${url} (embedded database in ${dir.path}). Stop it with Ctrl-C.`,
      )
      const port = new URL(url).port
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({
        status: 'ok',
      })
      expect(await (await fetch(`http://127.0.0.1:${port}/v1/desk`)).json()).toMatchObject({
        apiVersion: 1,
      })
      server.stop()
      expect(await server.running).toBe(0)
      expect(server.out.at(-1)).toBe('Desk server stopped.')
      // The request lines went to the log (stdout) as JSON.
      expect(
        server.out.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line).path),
      ).toEqual(['/healthz', '/v1/desk'])
      expect(existsSync(join(dir.path, DESK_LOCK_FILE))).toBe(false)
    },
  )
})

describe('copydesk desk serve, built as it ships (migrations bundled) and run as a process', () => {
  let bundle: CliBundle
  beforeAll(async () => (bundle = await buildCliBundle()))
  afterAll(() => bundle?.remove())

  it(
    'signs in the first admin made by desk admin create (bug: the built CLI looked for a migrations folder on disk and failed), answers /healthz, /readyz and /v1/desk, and stops cleanly on SIGTERM',
    SLOW,
    async () => {
      await pgliteFolder(dir.path)
      const password = 'first admin password'
      expect(
        await createFirstAdmin(
          bundle,
          { dataDir: dir.path },
          { email: 'asha@desk.example', name: 'Asha Rao', password },
        ),
      ).toBe('Created desk admin: asha@desk.example · Asha Rao · desk-admin')
      // Run from elsewhere: nothing may be looked up relative to the working folder.
      const server = await startDeskServerProcess(bundle, { dataDir: dir.path }, { cwd: dir.path })
      try {
        const { url } = server
        expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' })
        expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' })
        expect(await (await fetch(`${url}/v1/desk`)).json()).toMatchObject({ apiVersion: 1 })
        const client = createDeskClient({ baseUrl: url, fetch, token: () => null })
        const session = await client.signIn({
          email: 'asha@desk.example',
          password,
          deviceName: 'Laptop',
        })
        expect(session.account).toMatchObject({ name: 'Asha Rao', role: 'desk-admin' })
        expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
        expect(server.out().trimEnd().split('\n').at(-1)).toBe('Desk server stopped.')
        expect(server.err()).toBe('')
        expect(existsSync(join(dir.path, DESK_LOCK_FILE))).toBe(false)
      } finally {
        server.process.kill('SIGKILL')
      }
    },
  )
})
