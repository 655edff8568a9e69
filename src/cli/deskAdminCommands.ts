import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AccountRole } from '../shared/desk/AccountRole'
import type { DeskAccount } from '../shared/desk/calls/deskAccountCalls'
import { DeskError } from '../shared/desk/DeskError'
import { systemClock } from '../shared/domain/Clock'
import { AppError } from '../shared/ipc/AppError'
import type { AccountService } from '../server/accounts/AccountService'
import type { Db } from '../server/db/Db'
import type { CliCommand, CommandContext } from './CliCommand'
import { deskServerDataDir } from './deskServerDataDir'
import { EXIT, failed, usage } from './ConfigIo'

const LockHolder = z.object({ pid: z.number(), purpose: z.string() })

const STDIN_HINT = 'pipe it in, e.g. printf \'%s\\n\' "$PASSWORD" | copydesk desk admin …'

/**
 * `copydesk desk admin …`: account management straight on the desk's database, for the first desk
 * admin and for a desk whose admins are locked out. Everything else goes through the desk API.
 */
export const DESK_ADMIN_COMMAND: CliCommand = {
  name: 'desk',
  help: [
    {
      synopsis: 'desk admin create --email E --name N --password-stdin',
      summary: [
        "the desk's first desk admin, on the desk's own database:",
        '--database URL or DATABASE_URL (PostgreSQL), else the',
        'embedded one in the data folder (stop the server first)',
      ],
    },
    {
      synopsis: 'desk admin add --email E --name N --role R --password-stdin',
      summary: ['another account: writer, desk-chief or desk-admin'],
    },
    { synopsis: 'desk admin list', summary: ["the desk's accounts"] },
    { synopsis: 'desk admin role EMAIL ROLE', summary: ["change an account's role"] },
    {
      synopsis: 'desk admin disable EMAIL',
      summary: [
        'disable an account (signs out its devices); the desk',
        'always keeps one enabled desk admin',
      ],
    },
    { synopsis: 'desk admin enable EMAIL', summary: ['enable it again'] },
    {
      synopsis: 'desk admin forget-cms-secrets --force',
      summary: [
        "after the desk's CMS secret key is lost: forgets the sealed",
        'push secrets and the key check, so servers with a new key',
        'start; then set each push target its secret again',
      ],
    },
  ],
  run: (c) => {
    const [group, verb, ...rest] = c.args
    if (group !== 'admin') return undefined
    const { email, name, role } = c.values
    switch (verb) {
      case 'create':
        if (rest.length > 0 || !email || !name) return undefined
        return withPassword(c, (password) =>
          withAccounts(
            c,
            async (accounts) =>
              shown(
                c,
                await accounts.createFirstAdmin(email, name, password),
                'Created desk admin',
              ),
            true,
          ),
        )
      case 'add':
        if (rest.length > 0 || !email || !name || !role) return undefined
        return withPassword(c, (password) =>
          withAccounts(c, async (accounts) => {
            const parsed = roleOf(role)
            const input = { email, name, role: parsed, password }
            return shown(c, await accounts.createAccount(null, input), 'Created account')
          }),
        )
      case 'list':
        if (rest.length > 0) return undefined
        return withAccounts(c, async (accounts) => {
          const list = await accounts.listAccounts()
          c.io.out(c.values.json ? JSON.stringify(list, null, 2) : formatAccounts(list))
          return EXIT.ok
        })
      case 'role':
      case 'disable':
      case 'enable': {
        const [who, newRole, ...extra] = rest
        const wanted = verb === 'role' ? newRole !== undefined : newRole === undefined
        if (!who || !wanted || extra.length > 0) return undefined
        return withAccounts(c, async (accounts) => {
          const found = await accounts.findAccountByEmail(who)
          if (found === null)
            throw new DeskError('NOT_FOUND', `No account with the e-mail ${who} on this desk.`)
          const change =
            verb === 'role' ? { role: roleOf(newRole ?? '') } : { disabled: verb === 'disable' }
          const updated = await accounts.updateAccount(null, { accountId: found.id, ...change })
          return shown(c, updated, 'Updated')
        })
      }
      case 'forget-cms-secrets':
        if (rest.length > 0) return undefined
        if (!c.values.force)
          return Promise.resolve(
            usage(
              c.io,
              "desk admin forget-cms-secrets forgets every push target's secret (webhook token, WordPress application password) for good: add --force when the key they were sealed with is lost, and stop every desk server first.",
            ),
          )
        return withAccounts(c, async (_accounts, db) => {
          const { forgetCmsSecrets } = await import('../server/outbox/forgetCmsSecrets')
          const { targets } = await forgetCmsSecrets(db, systemClock)
          c.io.out(
            c.values.json
              ? JSON.stringify({ forgotten: targets }, null, 2)
              : `Forgot the secret of ${targets.length === 0 ? 'no push target' : targets.join(' and ')}; the next desk server to start keeps its key. Set each push target's secret again (as a desk admin, through the desk API).`,
          )
          return EXIT.ok
        })
      default:
        return undefined
    }
  },
}

function roleOf(text: string): AccountRole {
  const parsed = AccountRole.safeParse(text)
  if (!parsed.success)
    throw new DeskError(
      'INVALID_INPUT',
      `A role is writer, desk-chief or desk-admin (got ${JSON.stringify(text)}).`,
    )
  return parsed.data
}

/** The password from standard input (never the command line: shell history, the process list). */
async function withPassword(
  c: CommandContext,
  run: (password: string) => Promise<number>,
): Promise<number> {
  const { io, values } = c
  if (values.password !== undefined || values['password-file'] !== undefined)
    return usage(
      io,
      'desk admin takes the password from standard input only (--password-stdin): on the command line it would end up in shell history and the process list.',
    )
  if (!values['password-stdin'])
    return usage(io, `desk admin needs --password-stdin: ${STDIN_HINT}`)
  if (io.stdinIsTTY || !io.stdin)
    return usage(
      io,
      `--password-stdin reads a password piped in, and nothing is piped (typed here it would show on screen): ${STDIN_HINT}`,
    )
  // One trailing line break is the pipe's, not the password's; spaces are the password's.
  const password = (await io.stdin()).replace(/\r?\n$/, '')
  return run(password)
}

/**
 * Opens the desk's database (PostgreSQL from --database or DATABASE_URL, else the embedded one in
 * the data folder), brings its schema up to date and runs `work`; a refusal is one line, exit 1.
 */
async function withAccounts(
  c: CommandContext,
  work: (accounts: AccountService, db: Db) => Promise<number>,
  mayCreate = false,
): Promise<number> {
  const database = c.values.database ?? c.io.env?.['DATABASE_URL'] ?? null
  const dataDir = deskServerDataDir(c.values['data-dir'], c.dataDir)
  // A mistyped --data-dir must not quietly become a new, empty desk: only `create` starts one.
  if (!database && !mayCreate && !existsSync(join(dataDir, 'pgdata')))
    return failed(
      c.io,
      `${dataDir} holds no desk database: check --data-dir (or --database / DATABASE_URL), or start a desk with "copydesk desk admin create".`,
    )
  // Loaded here, not at the top: the rest of the CLI should not pay for the database drivers.
  const { openDb } = await import('../server/db/openDb')
  const { migrate } = await import('../server/db/migrate')
  // Bundled into the CLI as desk serve's are: a built CLI has no migrations folder beside it.
  const { shippedMigrations } = await import('../server/shippedMigrations')
  const { AccountService } = await import('../server/accounts/AccountService')
  let db
  try {
    db = await openDb(database, dataDir)
  } catch (error) {
    if (error instanceof AppError && error.code === 'DATA_DIR_LOCKED') {
      const holder = LockHolder.safeParse(error.details)
      const who = holder.success
        ? `${holder.data.purpose || 'another Copydesk process'} (process ${holder.data.pid})`
        : 'another Copydesk process'
      return failed(
        c.io,
        `${dataDir} is in use by ${who}: stop that server to run "desk admin" on its embedded database, or make the change through the desk API as a desk admin.`,
      )
    }
    return failed(c.io, messageOf(error))
  }
  try {
    await migrate(db, shippedMigrations())
    return await work(new AccountService(db, systemClock), db)
  } catch (error) {
    return failed(c.io, messageOf(error))
  } finally {
    await db.close().catch(() => {})
  }
}

function shown(c: CommandContext, account: DeskAccount, what: string): number {
  c.io.out(c.values.json ? JSON.stringify(account, null, 2) : `${what}: ${formatAccount(account)}`)
  return EXIT.ok
}

function formatAccount(account: DeskAccount): string {
  const disabled = account.disabledAt === null ? '' : ` · disabled ${account.disabledAt}`
  return `${account.email} · ${account.name} · ${account.role}${disabled}`
}

function formatAccounts(accounts: readonly DeskAccount[]): string {
  return accounts.length === 0 ? 'No accounts.' : accounts.map(formatAccount).join('\n')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
