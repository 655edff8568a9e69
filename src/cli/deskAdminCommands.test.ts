import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPgliteDb } from '../server/db/openPgliteDb'
import { pgliteFolder } from '../../tests/support/pgliteFolder'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { tempDir } from '../../tests/support/tempDir'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

type Stdin = { piped: string } | 'terminal' | null

function cli(
  dataDir: string,
  stdin: Stdin,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  return runCliCaptured([...args, '--data-dir', dataDir], {
    env,
    ...(stdin === null ? {} : { stdinIsTTY: stdin === 'terminal' }),
    ...(stdin !== null && stdin !== 'terminal' ? { stdin: async () => stdin.piped } : {}),
  })
}

const PASSWORD = { piped: 'a long admin passphrase\n' }

// The embedded desk in a data folder, as a desk server without --database keeps it. The hashes here
// are real scrypt (N=2^17): a few hundred milliseconds each.
describe('copydesk desk admin (embedded database)', { timeout: 60_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeAll(async () => {
    dir = await tempDir('copydesk-desk-admin-')
    await pgliteFolder(dir.path)
  })
  afterAll(() => dir.cleanup())

  it('makes the first admin from a piped password, once; adds, lists, changes role, disables and enables', async () => {
    const base = ['desk', 'admin']
    const created = await cli(dir.path, PASSWORD, [
      ...base,
      'create',
      '--email',
      'Chief@Example.org',
      '--name',
      'Asha Admin',
      '--password-stdin',
    ])
    expect(created).toMatchObject({ code: 0, err: '' })
    expect(created.out).toBe('Created desk admin: Chief@Example.org · Asha Admin · desk-admin')

    const again = await cli(dir.path, PASSWORD, [
      ...base,
      'create',
      '--email',
      'other@example.org',
      '--name',
      'Other',
      '--password-stdin',
    ])
    expect(again.code).toBe(1)
    expect(again.err).toBe(
      'copydesk: This desk already has a desk admin (Chief@Example.org): add accounts as them, with "copydesk desk admin add" or the API.',
    )

    const added = await cli(dir.path, { piped: 'writer passphrase' }, [
      ...base,
      'add',
      '--email',
      "o'brien@example.org",
      '--name',
      'Ann "Scoop" O\'Brien',
      '--role',
      'writer',
      '--password-stdin',
    ])
    expect(added.code).toBe(0)
    expect(
      (await cli(dir.path, null, [...base, 'role', "O'BRIEN@example.org", 'desk-chief'])).out,
    ).toBe(`Updated: o'brien@example.org · Ann "Scoop" O'Brien · desk-chief`)
    const disabled = await cli(dir.path, null, [...base, 'disable', "o'brien@example.org"])
    expect(disabled.out).toMatch(/desk-chief · disabled 20\d\d-/)

    const lastAdmin = await cli(dir.path, null, [...base, 'disable', 'chief@example.org'])
    expect(lastAdmin.code).toBe(1)
    expect(lastAdmin.err).toBe(
      "copydesk: Chief@Example.org is the desk's last enabled desk admin: make another account desk admin first, or nobody could manage accounts.",
    )
    expect((await cli(dir.path, null, [...base, 'enable', "o'brien@example.org"])).code).toBe(0)

    const listed = await cli(dir.path, null, [...base, 'list', '--json'])
    expect(JSON.parse(listed.out)).toMatchObject([
      { email: 'Chief@Example.org', role: 'desk-admin', disabledAt: null },
      { email: "o'brien@example.org", role: 'desk-chief', disabledAt: null },
    ])
    expect(listed.out).not.toMatch(/scrypt|password/i)
  })

  it('refuses mistakes in one line: usage exit 2, a refused value exit 1, never a stack trace', async () => {
    const terminal = await cli(dir.path, 'terminal', [
      'desk',
      'admin',
      'add',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--role',
      'writer',
      '--password-stdin',
    ])
    expect(terminal.code).toBe(2)
    expect(terminal.err).toMatch(
      /^copydesk: --password-stdin reads a password piped in, and nothing is piped/,
    )
    const onCommandLine = await cli(dir.path, null, [
      'desk',
      'admin',
      'create',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--password',
      'hunter2hunter2',
    ])
    expect(onCommandLine.code).toBe(2)
    expect(onCommandLine.err).toContain('shell history')
    expect(
      (
        await cli(dir.path, PASSWORD, [
          'desk',
          'admin',
          'create',
          '--name',
          'X',
          '--password-stdin',
        ])
      ).code,
    ).toBe(2)
    expect((await cli(dir.path, null, ['desk', 'admin', 'frobnicate'])).code).toBe(2)
    const badRole = await cli(dir.path, PASSWORD, [
      'desk',
      'admin',
      'add',
      '--email',
      'y@example.org',
      '--name',
      'Y',
      '--role',
      'editor',
      '--password-stdin',
    ])
    expect([badRole.code, badRole.err]).toEqual([
      1,
      'copydesk: A role is writer, desk-chief or desk-admin (got "editor").',
    ])
    const shortPassword = await cli(dir.path, { piped: 'short\n' }, [
      'desk',
      'admin',
      'add',
      '--email',
      'y@example.org',
      '--name',
      'Y',
      '--role',
      'writer',
      '--password-stdin',
    ])
    expect([shortPassword.code, shortPassword.err]).toEqual([
      1,
      'copydesk: A password must be 10 to 1024 characters long (this one has 5).',
    ])
    const unknown = await cli(dir.path, null, ['desk', 'admin', 'disable', 'nobody@example.org'])
    expect([unknown.code, unknown.err]).toEqual([
      1,
      'copydesk: No account with the e-mail nobody@example.org on this desk.',
    ])
    const elsewhere = await tempDir()
    try {
      const empty = await cli(elsewhere.path, null, ['desk', 'admin', 'list'])
      expect([empty.code, empty.err]).toEqual([
        1,
        `copydesk: ${elsewhere.path} holds no desk database: check --data-dir (or --database / DATABASE_URL), or start a desk with "copydesk desk admin create".`,
      ])
    } finally {
      await elsewhere.cleanup()
    }
    const notAUrl = await cli(dir.path, null, [
      'desk',
      'admin',
      'list',
      '--database',
      'mysql://db/desk',
    ])
    expect(notAUrl.code).toBe(1)
    expect(notAUrl.err.split('\n')).toHaveLength(1)
  })

  it('forgets the push secrets and the key check after the key is lost, only with --force', async () => {
    // A desk whose webhook secret was sealed with a key no server has any more.
    const db = await openPgliteDb({ dataDir: dir.path })
    try {
      const [admin] = await db.query("select id from accounts where role = 'desk-admin' limit 1")
      await db.query(
        `insert into cms_targets (target, url, secret_sealed, secret_origin, updated_by, updated_at)
         values ('webhook', 'https://cms.example/hook', 'v1.sealed.with.lost-key',
                 'https://cms.example', $1, now())`,
        [String(admin?.['id'])],
      )
      await db.query("update desk set secret_key_check = repeat('ab', 32)")
    } finally {
      await db.close()
    }
    const refused = await cli(dir.path, null, ['desk', 'admin', 'forget-cms-secrets'])
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('add --force when the key they were sealed with is lost')

    const forgot = await cli(dir.path, null, ['desk', 'admin', 'forget-cms-secrets', '--force'])
    expect(forgot).toMatchObject({ code: 0, err: '' })
    expect(forgot.out).toContain(
      'Forgot the secret of webhook; the next desk server to start keeps its key.',
    )
    const after = await openPgliteDb({ dataDir: dir.path })
    try {
      expect(
        await after.query('select target, url, secret_sealed, secret_origin from cms_targets'),
      ).toEqual([
        {
          target: 'webhook',
          url: 'https://cms.example/hook',
          secret_sealed: null,
          secret_origin: null,
        },
      ])
      expect(await after.query('select secret_key_check from desk')).toEqual([
        { secret_key_check: null },
      ])
      const audit = await after.query(
        "select actor_id, detail from audit where action = 'cms-secrets-forgotten'",
      )
      expect(audit).toEqual([{ actor_id: null, detail: { targets: ['webhook'] } }])
    } finally {
      await after.close()
    }
  })

  it('says to stop the server when a running desk server holds the embedded database', async () => {
    const server = await openPgliteDb({ dataDir: dir.path })
    try {
      const held = await cli(dir.path, null, ['desk', 'admin', 'list'])
      expect(held.code).toBe(1)
      expect(held.err.split('\n')).toHaveLength(1)
      expect(held.err).toContain(
        `is in use by desk server (embedded database) (process ${process.pid}): stop that server to run "desk admin" on its embedded database, or make the change through the desk API`,
      )
    } finally {
      await server.close()
    }
  })
})

const clusterUrl = process.env['COPYDESK_TEST_DATABASE_URL']

describe.skipIf(!clusterUrl)(
  'copydesk desk admin (PostgreSQL from DATABASE_URL)',
  { timeout: 60_000 },
  () => {
    it('makes the first admin on the database DATABASE_URL names, migrating it first', async () => {
      const created = await postgresTestDatabase(clusterUrl ?? '')
      const dir = await tempDir()
      try {
        const env = { DATABASE_URL: created.url }
        const made = await cli(
          dir.path,
          PASSWORD,
          [
            'desk',
            'admin',
            'create',
            '--email',
            'admin@example.org',
            '--name',
            'Pat Admin',
            '--password-stdin',
          ],
          env,
        )
        expect(made).toMatchObject({ code: 0, err: '' })
        expect((await cli(dir.path, null, ['desk', 'admin', 'list'], env)).out).toBe(
          'admin@example.org · Pat Admin · desk-admin',
        )
      } finally {
        await dir.cleanup()
        await created.drop()
      }
    })
  },
)
