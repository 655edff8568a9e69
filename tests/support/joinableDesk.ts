import { composeDesk, openDesk, type OpenedDesk } from '../../src/server/composeDesk'
import { AccountService } from '../../src/server/accounts/AccountService'
import type { Db } from '../../src/server/db/Db'
import type { AccountRole } from '../../src/shared/desk/AccountRole'
import type { Clock } from '../../src/shared/domain/Clock'
import { pgliteFolder } from './pgliteFolder'
import { tempDir } from './tempDir'

/** The password every account of a joinable desk has (the server's rule: at least 10 characters). */
export const DESK_PASSWORD = 'correct horse battery staple'

export type JoinableDesk = {
  url: string
  /** Makes an account a workstation can sign in with, as a desk admin would (password DESK_PASSWORD). */
  account: (name: string, role: AccountRole) => Promise<{ id: string; email: string }>
  /** Changes an account's role, as a desk admin would. */
  setRole: (accountId: string, role: AccountRole) => Promise<void>
  /** Stops the server (what a workstation then sees is a desk that cannot be reached). */
  stop: () => Promise<void>
  /** Stops the server and removes its folder. */
  cleanup: () => Promise<void>
}

/**
 * A real desk server (`openDesk`, as `copydesk desk serve` runs it) on the embedded database in a
 * fresh folder, on a free loopback port, with its accounts made through the real AccountService.
 * About 3 s: start one per test file.
 */
export async function joinableDesk(clock: Clock): Promise<JoinableDesk> {
  const dir = await tempDir('copydesk-joinable-desk-')
  await pgliteFolder(dir.path)
  const opened: { db?: Db } = {}
  let desk: OpenedDesk
  try {
    desk = await openDesk({
      database: null,
      dataDir: dir.path,
      clock,
      log: () => {},
      version: 'test',
      host: '127.0.0.1',
      port: 0,
      compose: (db, deskClock, environment) => {
        opened.db = db
        return composeDesk(db, deskClock, environment)
      },
    })
  } catch (error) {
    await dir.cleanup()
    throw error
  }
  if (opened.db === undefined) throw new Error('the desk was composed without a database')
  const accounts = new AccountService(opened.db, clock)
  let admins = 0
  let stopped: Promise<void> | null = null
  const stop = () => (stopped ??= desk.close())
  return {
    url: desk.url,
    account: async (name, role) => {
      const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@desk.example`
      const made =
        admins++ === 0 && role === 'desk-admin'
          ? await accounts.createFirstAdmin(email, name, DESK_PASSWORD)
          : await accounts.createAccount(null, { email, name, role, password: DESK_PASSWORD })
      return { id: made.id, email: made.email }
    },
    setRole: async (accountId, role) => {
      await accounts.updateAccount(null, { accountId, role })
    },
    stop,
    cleanup: async () => {
      await stop()
      await dir.cleanup()
    },
  }
}
