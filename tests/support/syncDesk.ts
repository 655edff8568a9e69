import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { AccountService } from '../../src/server/accounts/AccountService'
import { ScryptPasswordHasher } from '../../src/server/accounts/ScryptPasswordHasher'
import { composeDesk } from '../../src/server/composeDesk'
import { loadMigrations, migrate } from '../../src/server/db/migrate'
import { deskReadiness } from '../../src/server/deskReadiness'
import { ChangeFeed } from '../../src/server/feed/ChangeFeed'
import { createFeedHandlers } from '../../src/server/feed/createFeedHandlers'
import { startDeskServer, type DeskServer } from '../../src/server/http/startDeskServer'
import { SecretBox } from '../../src/server/outbox/SecretBox'
import { shippedMigrations } from '../../src/server/shippedMigrations'
import type { AccountRole } from '../../src/shared/desk/AccountRole'
import { createDeskClient, type DeskClient } from '../../src/shared/desk/createDeskClient'
import { systemClock, type Clock } from '../../src/shared/domain/Clock'
import { openMigratedPgliteDb } from './pgliteFolder'
import { tempDir } from './tempDir'

const PASSWORD = 'sync desk password 1'

/** The desk's secret key (SecretBox): a test can make a capability with it, as an attacker cannot. */
export const SYNC_DESK_KEY = Buffer.alloc(32, 7)

/** A port nothing listens on now (taken and given back). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('No port was given.')
  return address.port
}

/**
 * The limits of the clients these tests drive the desk with: on a machine busy with other suites the
 * in-process PGlite desk has taken longer than a real desk's 15 s to answer a sign-in; the test's own
 * timeout bounds a call. Tests of a desk that does not answer give their clients short limits.
 */
const PATIENT = { callMs: 120_000, slowCallMs: 120_000 }

export type DeskAccount = { name: string; token: string; client: DeskClient }

/**
 * A real desk server on PGlite in this process, for the workstation's sync tests: accounts signed in
 * through the real client, and a server that can be stopped and started again on the same port (the
 * desk going down and coming back), its database kept. `clock`: the desk's time for its stories,
 * leases and sign-ins (a test moves it to let a lease lapse without waiting).
 */
export async function startSyncDesk(options: { clock?: Clock; publicUrl?: boolean } = {}) {
  const folder = await tempDir('copydesk-sync-desk-')
  const db = await openMigratedPgliteDb(folder.path)
  await migrate(db, await loadMigrations()) // nothing to do: the copy comes migrated
  const feed = await ChangeFeed.start({ db })
  // A desk started with --public-url on its own address: the port is chosen before it listens.
  const fixedPort = options.publicUrl ? await freePort() : 0
  const parts = composeDesk(db, options.clock ?? systemClock, {
    secrets: SecretBox.fromKey(SYNC_DESK_KEY),
    log: () => {},
    ...(options.publicUrl ? { publicUrl: `http://127.0.0.1:${fixedPort}` } : {}),
  })
  const accounts = new AccountService(db, systemClock, {
    hasher: new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } }),
  })
  const serve = (port: number) =>
    startDeskServer({
      handlers: {
        ...parts.accountHandlers,
        ...parts.storyHandlers,
        ...parts.outboxHandlers,
        ...parts.mediaHandlers,
        ...createFeedHandlers({ db, feed, serverVersion: 'test' }),
      },
      authenticate: parts.authenticate,
      ...(parts.serveRendition ? { serveRendition: parts.serveRendition } : {}),
      ready: deskReadiness(db, shippedMigrations()),
      log: () => {},
      clock: systemClock,
      port,
    })
  let server: DeskServer | null = await serve(fixedPort)
  const port = server.port
  const url = server.url

  return {
    url,
    /** Makes an account a workstation joins with (joinDesk), as a desk admin would. */
    async account(role: AccountRole, name: string): Promise<{ email: string; password: string }> {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@sync.example`
      await accounts.createAccount(null, { email, name, role, password: PASSWORD })
      return { email, password: PASSWORD }
    },
    /** Makes an account and signs a device in; `fetch` lets a test lose answers on the way back. */
    async signIn(
      role: AccountRole,
      name: string,
      fetcher: typeof fetch = fetch,
    ): Promise<DeskAccount> {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@sync.example`
      await accounts.createAccount(null, { email, name, role, password: PASSWORD })
      const anonymous = createDeskClient({
        baseUrl: url,
        fetch,
        token: () => null,
        timeouts: PATIENT,
      })
      const { token } = await anonymous.signIn({ email, password: PASSWORD, deviceName: name })
      return {
        name,
        token,
        client: createDeskClient({
          baseUrl: url,
          fetch: fetcher,
          token: () => token,
          timeouts: PATIENT,
        }),
      }
    },
    /** The desk goes down: nothing listens on its port. */
    async stop(): Promise<void> {
      await server?.close()
      server = null
    },
    /** The desk comes back on the same address, with everything it had. */
    async restart(): Promise<void> {
      if (server === null) server = await serve(port)
    },
    async close(): Promise<void> {
      await server?.close()
      await feed.stop()
      await db.close()
      await folder.cleanup()
    },
  }
}

export type SyncDesk = Awaited<ReturnType<typeof startSyncDesk>>
