import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import { AccountService, type AccountServiceOptions } from './AccountService'
import type { PasswordHasher } from './PasswordHasher'
import { ScryptPasswordHasher } from './ScryptPasswordHasher'

/** A clock the tests move: rate-limit windows and token expiry are read from it, never waited out. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = Date.parse(iso)
  return { now: () => new Date(at), advance: (ms) => (at += ms) }
}

/** Cheap scrypt (N=2^10) for speed, counting checks, so a test can see that none ran. */
function countingHasher(): PasswordHasher & { verifies: number } {
  const inner = new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } })
  const hasher = {
    verifies: 0,
    hash: (password: string) => inner.hash(password),
    verify: (password: string, stored: string) => {
      hasher.verifies += 1
      return inner.verify(password, stored)
    },
  }
  return hasher
}

const PASSWORD = 'correct horse battery'
let serial = 0
function email(tag: string): string {
  serial += 1
  return `${tag}-${serial}@example.org`
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

eachDeskEngine('AccountService', (open) => {
  let desk: DeskDatabase
  let db: Db
  let clock: ReturnType<typeof movableClock>
  let hasher: ReturnType<typeof countingHasher>
  let accounts: AccountService
  let admin: Principal
  const service = (options: AccountServiceOptions = {}) =>
    new AccountService(db, clock, { hasher, ...options })

  beforeAll(async () => {
    desk = await open()
    db = desk.db
    clock = movableClock('2026-12-01T09:00:00.000Z')
    hasher = countingHasher()
    accounts = service()
    const first = await accounts.createFirstAdmin('chief.admin@example.org', 'Asha Admin', PASSWORD)
    admin = await signInAs(first.email)
  })

  async function signInAs(address: string, deviceName = 'Laptop', on = accounts) {
    const signed = await on.signIn({
      email: address,
      password: PASSWORD,
      deviceName,
      remoteAddress: `10.0.0.${serial % 250}`,
    })
    return on.authenticate(signed.token)
  }

  async function account(role: 'writer' | 'desk-chief' | 'desk-admin', tag: string = role) {
    return accounts.createAccount(admin.accountId, {
      email: email(tag),
      name: `${tag} ${serial}`,
      role,
      password: PASSWORD,
    })
  }

  it('puts every account change on the change feed, so signed-in workstations read their session again', async () => {
    const kinds = async (since: number) =>
      (
        await db.query('select kind, actor_id from changes where seq > $1 order by seq', [since])
      ).map((row) => [row.kind, row.actor_id])
    const [counter] = await db.query('select last_seq from change_counter')
    const since = Number(counter?.last_seq)
    const writer = await account('writer', 'feed')
    await accounts.updateAccount(admin.accountId, { accountId: writer.id, role: 'desk-chief' })
    await accounts.resetPassword(admin.accountId, writer.id, 'another long password')
    const refused = await refusal(
      accounts.updateAccount(admin.accountId, { accountId: admin.accountId, disabled: true }),
    )
    expect(refused.code).toBe('REFUSED')
    expect(await kinds(since)).toEqual([
      ['account_changed', admin.accountId],
      ['account_changed', admin.accountId],
      ['account_changed', admin.accountId],
    ])
  })

  it('makes the first admin once: a second first admin is refused', async () => {
    const second = await refusal(accounts.createFirstAdmin(email('late'), 'Late Admin', PASSWORD))
    expect(second.code).toBe('REFUSED')
    expect(second.message).toContain('chief.admin@example.org')
    expect(await accounts.findAccountByEmail('CHIEF.ADMIN@example.org')).toMatchObject({
      role: 'desk-admin',
    })
  })

  it('signs in, knows who is asking, signs out: the token is refused afterwards, naming why', async () => {
    const writer = await account('writer')
    const signed = await accounts.signIn({
      email: writer.email.toUpperCase(),
      password: PASSWORD,
      deviceName: 'Field laptop',
      remoteAddress: '10.1.0.1',
    })
    expect(signed.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(signed.account).toEqual(writer)
    expect(signed.deskId).toBe(await accounts.deskId())
    expect(signed.expiresAt).toBe('2027-03-01T09:00:00.000Z')
    const principal = await accounts.authenticate(signed.token)
    expect(principal).toEqual({
      accountId: writer.id,
      name: writer.name,
      email: writer.email,
      role: 'writer',
      deviceId: signed.device.id,
    })
    const session = await accounts.session(principal)
    expect(session.device).toMatchObject({ name: 'Field laptop', current: true })
    expect(session.deskId).toBe(signed.deskId)

    await accounts.signOut(principal)
    const after = await refusal(accounts.authenticate(signed.token))
    expect(after.code).toBe('UNAUTHENTICATED')
    expect(after.message).toMatch(/signed out/)
    expect((await refusal(accounts.authenticate('not-a-token'))).message).toMatch(
      /Unknown device token/,
    )
  })

  it('stores only the SHA-256 of a token, and no output carries a hash', async () => {
    const writer = await account('writer', 'hashed')
    const signed = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Desk PC',
      remoteAddress: '10.1.0.2',
    })
    const rows = await db.query('select * from device_tokens where account_id = $1', [writer.id])
    expect(rows).toHaveLength(1)
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(signed.token).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(signed.token)
    const [stored] = await db.query('select password_hash from accounts where id = $1', [writer.id])
    expect(String(stored?.password_hash)).toMatch(/^scrypt\$1024\$8\$1\$[^$]+\$[^$]+$/)
    expect(JSON.stringify(signed)).not.toMatch(/scrypt|password|token_hash/i)
    expect(JSON.stringify(await accounts.listAccounts())).not.toMatch(/scrypt/)
  })

  it('gives a wrong password and an unknown e-mail the same answer, both checked against a hash', async () => {
    const writer = await account('writer', 'same')
    const before = hasher.verifies
    const wrongPassword = await refusal(
      accounts.signIn({
        email: writer.email,
        password: 'not the password',
        deviceName: 'X',
        remoteAddress: '10.1.0.3',
      }),
    )
    const unknown = await refusal(
      accounts.signIn({
        email: 'nobody@example.org',
        password: PASSWORD,
        deviceName: 'X',
        remoteAddress: '10.1.0.3',
      }),
    )
    expect(hasher.verifies - before).toBe(2)
    expect([unknown.code, unknown.message, unknown.details]).toEqual([
      wrongPassword.code,
      wrongPassword.message,
      wrongPassword.details,
    ])
    expect(unknown.message).toBe('Wrong e-mail or password.')
    const audit = await db.query(
      "select actor_id, detail from audit where action = 'sign-in-failed' and detail->>'remoteAddress' = '10.1.0.3' order by id",
    )
    expect(audit.map((row) => row.actor_id)).toEqual([writer.id, null])
    expect(JSON.stringify(audit)).not.toContain('not the password')
    expect(
      await db.query('select 1 from device_tokens where account_id = $1', [writer.id]),
    ).toHaveLength(0)
  })

  it('refuses an expired token, by the clock', async () => {
    const writer = await account('writer', 'expiry')
    const shortLived = service({ tokenLifetimeDays: 1 })
    const signed = await shortLived.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Tablet',
      remoteAddress: '10.1.0.4',
    })
    clock.advance(86_400_000 - 1)
    await expect(shortLived.authenticate(signed.token)).resolves.toMatchObject({
      accountId: writer.id,
    })
    clock.advance(1)
    const expired = await refusal(shortLived.authenticate(signed.token))
    expect(expired.code).toBe('UNAUTHENTICATED')
    expect(expired.message).toContain('expired on 2026-12-')
  })

  it('records when a device was last used, at most once a minute rather than on every request', async () => {
    const writer = await account('writer', 'last-used')
    const signed = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.1.0.8',
    })
    const lastUsed = async () =>
      (
        await db.query('select last_used_at from device_tokens where id = $1', [signed.device.id])
      )[0]?.last_used_at
    const signedInAt = clock.now()
    expect(await lastUsed()).toEqual(signedInAt)
    clock.advance(59_000)
    await accounts.authenticate(signed.token)
    expect(await lastUsed()).toEqual(signedInAt)
    clock.advance(1_000)
    const principal = await accounts.authenticate(signed.token)
    expect(await lastUsed()).toEqual(clock.now())
    expect((await accounts.listDevices(principal))[0]?.lastUsedAt).toBe(clock.now().toISOString())
  })

  it('lists devices, revokes one, and keeps other accounts out of them', async () => {
    const writer = await account('writer', 'devices')
    const laptop = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.1.0.5',
    })
    clock.advance(1000)
    const phone = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Phone',
      remoteAddress: '10.1.0.5',
    })
    const me = await accounts.authenticate(laptop.token)
    const devices = await accounts.listDevices(me)
    expect(devices.map((d) => [d.name, d.current])).toEqual([
      ['Laptop', true],
      ['Phone', false],
    ])

    const stranger = await signInAs((await account('writer', 'stranger')).email)
    expect((await refusal(accounts.revokeDevice(stranger, phone.device.id))).code).toBe('NOT_FOUND')
    expect((await refusal(accounts.listDevices(stranger, writer.id))).code).toBe('FORBIDDEN')
    await expect(accounts.authenticate(phone.token)).resolves.toMatchObject({
      accountId: writer.id,
    })

    await accounts.revokeDevice(me, phone.device.id)
    expect((await refusal(accounts.authenticate(phone.token))).message).toMatch(/signed out/)
    await expect(accounts.authenticate(laptop.token)).resolves.toMatchObject({
      deviceId: laptop.device.id,
    })
    expect((await accounts.listDevices(me)).map((d) => d.name)).toEqual(['Laptop'])

    // A desk admin sees and signs out anyone's devices.
    expect((await accounts.listDevices(admin, writer.id)).map((d) => [d.name, d.current])).toEqual([
      ['Laptop', false],
    ])
    await accounts.revokeDevice(admin, laptop.device.id)
    await expect(accounts.authenticate(laptop.token)).rejects.toThrow(/signed out/)
    const audit = await db.query(
      "select actor_id, detail->>'deviceName' as device from audit where action = 'device-revoked' and detail->>'accountId' = $1 order by id",
      [writer.id],
    )
    expect(audit).toEqual([
      { actor_id: writer.id, device: 'Phone' },
      { actor_id: admin.accountId, device: 'Laptop' },
    ])
  })

  it('a disabled account is refused at once, cannot sign in, and signs in again once enabled', async () => {
    const writer = await account('writer', 'disabled')
    const signed = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.1.0.6',
    })
    await accounts.updateAccount(admin.accountId, { accountId: writer.id, disabled: true })
    expect((await refusal(accounts.authenticate(signed.token))).message).toBe(
      'This account is disabled: ask a desk admin.',
    )
    const signIn = () =>
      accounts.signIn({
        email: writer.email,
        password: PASSWORD,
        deviceName: 'Laptop',
        remoteAddress: '10.1.0.6',
      })
    expect((await refusal(signIn())).message).toMatch(/disabled/)
    await accounts.updateAccount(admin.accountId, { accountId: writer.id, disabled: false })
    // Disabling signed its devices out: the old token stays dead, a new sign-in works.
    expect((await refusal(accounts.authenticate(signed.token))).message).toMatch(/signed out/)
    const again = await signIn()
    await expect(accounts.authenticate(again.token)).resolves.toMatchObject({
      accountId: writer.id,
    })
    const actions = await db.query(
      "select action from audit where detail->>'accountId' = $1 and action like 'account-%' order by id",
      [writer.id],
    )
    expect(actions.map((row) => row.action)).toEqual([
      'account-created',
      'account-disabled',
      'account-enabled',
    ])
  })

  it('a role change counts at the very next request', async () => {
    const writer = await account('writer', 'promoted')
    const signed = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.1.0.7',
    })
    expect((await accounts.authenticate(signed.token)).role).toBe('writer')
    await accounts.updateAccount(admin.accountId, {
      accountId: writer.id,
      role: 'desk-chief',
      name: 'Promoted Person',
    })
    expect(await accounts.authenticate(signed.token)).toMatchObject({
      role: 'desk-chief',
      name: 'Promoted Person',
    })
  })

  it('rate-limits failed sign-ins per e-mail before hashing, across server processes, until the window passes', async () => {
    const writer = await account('writer', 'limited')
    const other = new AccountService(desk.other, clock, { hasher })
    const attempt = (password: string, on = accounts) =>
      on.signIn({
        email: writer.email,
        password,
        deviceName: 'X',
        remoteAddress: `10.2.0.${serial++ % 250}`,
      })
    for (let i = 0; i < 5; i += 1)
      expect((await refusal(attempt('wrong password', i % 2 ? other : accounts))).code).toBe(
        'UNAUTHENTICATED',
      )
    const before = hasher.verifies
    const limited = await refusal(attempt(PASSWORD, other))
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.details).toEqual({ retryAfterSeconds: 900 })
    expect(limited.message).toBe(
      'Too many failed sign-ins for this e-mail: try again in 15 minutes.',
    )
    expect(hasher.verifies).toBe(before)
    clock.advance(10 * 60_000)
    expect((await refusal(attempt(PASSWORD))).details).toEqual({ retryAfterSeconds: 300 })
    clock.advance(5 * 60_000)
    await attempt(PASSWORD)
    // The success forgave the e-mail's failures: four more are allowed before the limit again.
    for (let i = 0; i < 4; i += 1)
      expect((await refusal(attempt('wrong password'))).code).toBe('UNAUTHENTICATED')
    await attempt(PASSWORD)
  })

  it('counts parallel guesses on two server processes exactly: of 12 at once, 5 are checked, 7 refused', async () => {
    const writer = await account('writer', 'parallel')
    const other = new AccountService(desk.other, clock, { hasher })
    const before = hasher.verifies
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        refusal(
          (i % 2 === 0 ? accounts : other).signIn({
            email: writer.email,
            password: 'wrong password',
            deviceName: 'X',
            remoteAddress: `10.6.0.${i}`,
          }),
        ),
      ),
    )
    expect(answers.map((answer) => answer.code).sort()).toEqual([
      ...Array<string>(7).fill('RATE_LIMITED'),
      ...Array<string>(5).fill('UNAUTHENTICATED'),
    ])
    expect(hasher.verifies - before).toBe(5)
  })

  it('rate-limits failed sign-ins per address, whatever the e-mail', async () => {
    for (let i = 0; i < 30; i += 1)
      await refusal(
        accounts.signIn({
          email: `guess-${i}@example.org`,
          password: 'wrong password',
          deviceName: 'X',
          remoteAddress: '192.0.2.66',
        }),
      )
    const writer = await account('writer', 'shared-address')
    const limited = await refusal(
      accounts.signIn({
        email: writer.email,
        password: PASSWORD,
        deviceName: 'X',
        remoteAddress: '192.0.2.66',
      }),
    )
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.message).toContain('this network address')
    await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'X',
      remoteAddress: '192.0.2.67',
    })
  })

  it('counts an IPv6 network (its /64) as one address, so rotating addresses in it does not help', async () => {
    for (let i = 1; i <= 30; i += 1)
      await refusal(
        accounts.signIn({
          email: `rotating-${i}@example.org`,
          password: 'wrong password',
          deviceName: 'X',
          remoteAddress: `2001:db8:77:1::${i.toString(16)}`,
        }),
      )
    const writer = await account('writer', 'ipv6')
    const fromSameNetwork = (address: string) =>
      accounts.signIn({
        email: writer.email,
        password: PASSWORD,
        deviceName: 'X',
        remoteAddress: address,
      })
    expect((await refusal(fromSameNetwork('2001:db8:77:1:ffff:ffff:ffff:ffff'))).code).toBe(
      'RATE_LIMITED',
    )
    await fromSameNetwork('2001:db8:77:2::1')
  })

  it('keeps e-mails unique ignoring case, and checks names, e-mails and password length', async () => {
    const writer = await account('writer', 'unique')
    const duplicate = await refusal(
      accounts.createAccount(admin.accountId, {
        email: writer.email.toUpperCase(),
        name: 'Twin',
        role: 'writer',
        password: PASSWORD,
      }),
    )
    expect(duplicate.code).toBe('CONFLICT')
    expect(duplicate.message).toContain(writer.email.toUpperCase())
    const short = await refusal(
      accounts.createAccount(admin.accountId, {
        email: email('short'),
        name: 'Short',
        role: 'writer',
        password: 'nine char',
      }),
    )
    expect([short.code, short.message]).toEqual([
      'INVALID_INPUT',
      'A password must be 10 to 1024 characters long (this one has 9).',
    ])
    const badEmail = await refusal(
      accounts.createAccount(admin.accountId, {
        email: 'no-at-sign',
        name: 'X',
        role: 'writer',
        password: PASSWORD,
      }),
    )
    expect([badEmail.code, badEmail.message]).toEqual([
      'INVALID_INPUT',
      'email: an e-mail address looks like name@example.org',
    ])
    expect(await accounts.findAccountByEmail('no-at-sign')).toBeNull()
  })

  it('NFC-normalises passwords: the same letters typed composed or decomposed both sign in', async () => {
    const composed = 'caf\u00e9 au lait!'
    const created = await accounts.createAccount(admin.accountId, {
      email: email('nfc'),
      name: 'Zoë',
      role: 'writer',
      password: composed,
    })
    const decomposed = 'cafe\u0301 au lait!'
    await accounts.signIn({
      email: created.email,
      password: decomposed,
      deviceName: 'Mac',
      remoteAddress: '10.3.0.1',
    })
  })

  it("hashes a password again, with the desk's current settings, when its owner signs in", async () => {
    const writer = await account('writer', 'rehash')
    const storedHash = async () =>
      String(
        (await db.query('select password_hash from accounts where id = $1', [writer.id]))[0]
          ?.password_hash,
      )
    expect(await storedHash()).toMatch(/^scrypt\$1024\$/)
    const stronger = new AccountService(db, clock, {
      hasher: new ScryptPasswordHasher({ params: { N: 2 ** 11, r: 8, p: 1 } }),
    })
    const signIn = (on: AccountService) =>
      on.signIn({
        email: writer.email,
        password: PASSWORD,
        deviceName: 'Laptop',
        remoteAddress: '10.7.0.1',
      })
    await signIn(stronger)
    expect(await storedHash()).toMatch(/^scrypt\$2048\$8\$1\$/)
    await signIn(stronger)
    await signIn(accounts)
  })

  it('stores SQL metacharacters in names, e-mails and device names verbatim, changing nothing else', async () => {
    const countBefore = (await accounts.listAccounts()).length
    const nasty = `o'brien"; drop table accounts;--`
    const created = await accounts.createAccount(admin.accountId, {
      email: `${nasty.replace(/\s/g, '')}@ex'ample.org`,
      name: `${nasty} \\ $1 %_`,
      role: 'writer',
      password: PASSWORD,
    })
    const signed = await accounts.signIn({
      email: created.email,
      password: PASSWORD,
      deviceName: `'); delete from device_tokens; --`,
      remoteAddress: `'; --`,
    })
    expect(created.name).toBe(`${nasty} \\ $1 %_`)
    expect(created.email).toBe(`o'brien";droptableaccounts;--@ex'ample.org`)
    expect(signed.device.name).toBe(`'); delete from device_tokens; --`)
    expect(await accounts.findAccountByEmail(created.email)).toEqual(created)
    expect((await accounts.listAccounts()).length).toBe(countBefore + 1)
    expect((await db.query('select count(*)::int as n from device_tokens'))[0]?.n).toBeGreaterThan(
      1,
    )
  })

  it("refuses another desk's token", async () => {
    const elsewhere = await open()
    const theirs = new AccountService(elsewhere.db, clock, { hasher })
    const theirAdmin = await theirs.createFirstAdmin(
      'chief.admin@example.org',
      'Asha Admin',
      PASSWORD,
    )
    const signed = await theirs.signIn({
      email: theirAdmin.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.4.0.1',
    })
    expect(signed.deskId).not.toBe(await accounts.deskId())
    const refused = await refusal(accounts.authenticate(signed.token))
    expect(refused.code).toBe('UNAUTHENTICATED')
    expect(refused.message).toMatch(/not one this desk gave out/)
  })

  it('resetting a password signs out every device and forgives the failures', async () => {
    const writer = await account('writer', 'reset')
    const signed = await accounts.signIn({
      email: writer.email,
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '10.5.0.1',
    })
    for (let i = 0; i < 5; i += 1)
      await refusal(
        accounts.signIn({
          email: writer.email,
          password: 'forgotten it',
          deviceName: 'X',
          remoteAddress: '10.5.0.1',
        }),
      )
    const reset = await accounts.resetPassword(admin.accountId, writer.id, 'a brand new passphrase')
    expect(reset.devicesSignedOut).toBe(1)
    await expect(accounts.authenticate(signed.token)).rejects.toThrow(/signed out/)
    await accounts.signIn({
      email: writer.email,
      password: 'a brand new passphrase',
      deviceName: 'Laptop',
      remoteAddress: '10.5.0.1',
    })
    const audit = await db.query(
      "select detail from audit where action = 'password-reset' and detail->>'accountId' = $1",
      [writer.id],
    )
    expect(JSON.stringify(audit)).not.toContain('brand new')
  })

  it('never leaves the desk without an enabled desk admin', async () => {
    const second = await account('desk-admin', 'second-admin')
    for (const other of await accounts.listAccounts())
      if (other.role === 'desk-admin' && other.id !== second.id && other.disabledAt === null)
        await accounts.updateAccount(second.id, { accountId: other.id, disabled: true })
    const demote = await refusal(
      accounts.updateAccount(second.id, { accountId: second.id, role: 'writer' }),
    )
    expect(demote.code).toBe('REFUSED')
    expect(demote.message).toContain(`${second.email} is the desk's last enabled desk admin`)
    expect(
      (await refusal(accounts.updateAccount(null, { accountId: second.id, disabled: true }))).code,
    ).toBe('REFUSED')
    expect(await accounts.findAccountByEmail(second.email)).toMatchObject({
      role: 'desk-admin',
      disabledAt: null,
    })
    // With a second enabled admin, the first may step down.
    await accounts.updateAccount(second.id, { accountId: admin.accountId, disabled: false })
    await accounts.updateAccount(second.id, { accountId: second.id, role: 'desk-chief' })
  })

  it('two admins disabling each other at once on two server processes: one wins, one is refused', async () => {
    const first = await account('desk-admin', 'duel-a')
    const second = await account('desk-admin', 'duel-b')
    for (const other of await accounts.listAccounts())
      if (
        other.role === 'desk-admin' &&
        other.disabledAt === null &&
        ![first.id, second.id].includes(other.id)
      )
        await accounts.updateAccount(first.id, { accountId: other.id, disabled: true })
    const elsewhere = new AccountService(desk.other, clock, { hasher })
    const outcomes = await Promise.allSettled([
      accounts.updateAccount(first.id, { accountId: second.id, disabled: true }),
      elsewhere.updateAccount(second.id, { accountId: first.id, disabled: true }),
    ])
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    const enabledAdmins = (await accounts.listAccounts()).filter(
      (a) => a.role === 'desk-admin' && a.disabledAt === null,
    )
    expect(enabledAdmins).toHaveLength(1)
  })
})

describe('ScryptPasswordHasher', () => {
  it('hashes with the real parameters (N=2^17, r=8, p=1, 16-byte salt, 32-byte key) and verifies', async () => {
    const hasher = new ScryptPasswordHasher()
    const stored = await hasher.hash('a real newsroom password')
    const [scheme, n, r, p, salt = '', key = ''] = stored.split('$')
    expect([scheme, n, r, p]).toEqual(['scrypt', '131072', '8', '1'])
    expect(Buffer.from(salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(await hasher.verify('a real newsroom password', stored)).toBe(true)
    expect(await hasher.verify('a real newsroom passwork', stored)).toBe(false)
  })

  it('verifies a hash made with other parameters, by the ones it carries', async () => {
    const cheap = await new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } }).hash(
      'password one',
    )
    expect(
      await new ScryptPasswordHasher({ params: { N: 2 ** 12, r: 8, p: 1 } }).verify(
        'password one',
        cheap,
      ),
    ).toBe(true)
  })

  it('answers UNAVAILABLE instead of queueing past its bound', async () => {
    const hasher = new ScryptPasswordHasher({
      params: { N: 2 ** 10, r: 8, p: 1 },
      concurrent: 1,
      queued: 1,
    })
    const running = hasher.hash('first password')
    const waiting = hasher.hash('second password')
    const refused = await refusal(hasher.hash('third password'))
    expect([refused.code, refused.message]).toEqual([
      'UNAVAILABLE',
      'The server is busy checking passwords: try again in a few seconds.',
    ])
    await expect(Promise.all([running, waiting])).resolves.toHaveLength(2)
    await expect(hasher.hash('fourth password')).resolves.toMatch(/^scrypt\$/)
  })
})
