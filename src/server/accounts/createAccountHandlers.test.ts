import { beforeAll, expect, it } from 'vitest'
import { deskAccountCalls } from '../../shared/desk/calls/deskAccountCalls'
import { DeskError } from '../../shared/desk/DeskError'
import { eachDeskEngine } from '../../../tests/support/eachDeskEngine'
import { fixedClock } from '../../../tests/support/fixedClock'
import type { DeskCallContext } from '../DeskHandlers'
import type { Principal } from '../Principal'
import { AccountService } from './AccountService'
import { createAccountHandlers } from './createAccountHandlers'
import { ScryptPasswordHasher } from './ScryptPasswordHasher'

type Calls = typeof deskAccountCalls
type Handlers = ReturnType<typeof createAccountHandlers>
/** Method syntax is bivariant in its parameter, so any one handler fits: the contract parsed its input. */
type AnyHandler = {
  run(
    input: unknown,
    context: DeskCallContext,
    send: (event: unknown) => Promise<void>,
  ): Promise<unknown>
}['run']

const PASSWORD = 'correct horse battery'

eachDeskEngine('account handlers', (open) => {
  let accounts: AccountService
  let handlers: Handlers
  let admin: Principal

  /** Parses the input as the transport would, runs the handler, and checks its answer against the contract. */
  async function call<N extends keyof Calls>(name: N, raw: unknown, principal: Principal | null) {
    const declaration: Calls[keyof Calls] = deskAccountCalls[name]
    const input = declaration.input.parse(raw)
    const context: DeskCallContext = {
      principal,
      requestId: 'test',
      remoteAddress: '198.51.100.7',
      signal: new AbortController().signal,
    }
    const handler: AnyHandler = handlers[name]
    const output = await handler(input, context, () => Promise.resolve())
    expect(JSON.stringify(output)).not.toMatch(/scrypt|password|token_hash/i)
    declaration.output.parse(output)
    return output
  }

  beforeAll(async () => {
    const desk = await open()
    const hasher = new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } })
    accounts = new AccountService(desk.db, fixedClock('2026-12-01T09:00:00.000Z'), { hasher })
    handlers = createAccountHandlers(accounts)
    await accounts.createFirstAdmin('admin@example.org', 'Asha Admin', PASSWORD)
    const signed = await accounts.signIn({
      email: 'admin@example.org',
      password: PASSWORD,
      deviceName: 'Admin PC',
      remoteAddress: '198.51.100.7',
    })
    admin = await accounts.authenticate(signed.token)
  })

  it('runs the account calls through the contract, answering what it declares and never a hash', async () => {
    await call(
      'createAccount',
      { email: 'writer@example.org', name: 'Wren Writer', role: 'writer', password: PASSWORD },
      admin,
    )
    const signed = deskAccountCalls.signIn.output.parse(
      await call(
        'signIn',
        { email: 'writer@example.org', password: PASSWORD, deviceName: 'Field laptop' },
        null,
      ),
    )
    const writer = await accounts.authenticate(signed.token)
    const me = deskAccountCalls.whoAmI.output.parse(await call('whoAmI', {}, writer))
    expect(me.account.email).toBe('writer@example.org')
    expect(me.device).toMatchObject({ name: 'Field laptop', current: true })
    const devices = deskAccountCalls.listDevices.output.parse(await call('listDevices', {}, writer))
    expect(devices.devices).toHaveLength(1)
    const listed = deskAccountCalls.listAccounts.output.parse(await call('listAccounts', {}, admin))
    expect(listed.accounts.map((a) => a.email)).toEqual(['admin@example.org', 'writer@example.org'])
    await call('updateAccount', { accountId: writer.accountId, role: 'desk-chief' }, admin)
    expect((await accounts.authenticate(signed.token)).role).toBe('desk-chief')
    const reset = deskAccountCalls.resetPassword.output.parse(
      await call(
        'resetPassword',
        { accountId: writer.accountId, password: 'another passphrase' },
        admin,
      ),
    )
    expect(reset.devicesSignedOut).toBe(1)
    await expect(accounts.authenticate(signed.token)).rejects.toThrow(/signed out/)
  })

  it('refuses account management to anyone but a desk admin, on the role from the database', async () => {
    const writerAccount = await accounts.createAccount(admin.accountId, {
      email: 'plain@example.org',
      name: 'Plain Writer',
      role: 'writer',
      password: PASSWORD,
    })
    const signed = await accounts.signIn({
      email: 'plain@example.org',
      password: PASSWORD,
      deviceName: 'Laptop',
      remoteAddress: '198.51.100.8',
    })
    const writer = await accounts.authenticate(signed.token)
    const refused = await call(
      'updateAccount',
      { accountId: writerAccount.id, role: 'desk-admin' },
      writer,
    ).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DeskError)
    expect(refused).toMatchObject({ code: 'FORBIDDEN' })
    expect((await accounts.authenticate(signed.token)).role).toBe('writer')
  })

  it('declares strict inputs with limits: an unknown field or an oversize name is refused before any handler', () => {
    const signIn = deskAccountCalls.signIn.input
    expect(
      signIn.safeParse({ email: 'a@b.c', password: 'x', deviceName: 'y', role: 'desk-admin' })
        .success,
    ).toBe(false)
    expect(
      signIn.safeParse({ email: 'a@b.c', password: 'x', deviceName: 'y'.repeat(201) }).success,
    ).toBe(false)
    expect(
      signIn.safeParse({ email: 'a@b.c', password: 'x'.repeat(4097), deviceName: 'y' }).success,
    ).toBe(false)
    expect(
      deskAccountCalls.updateAccount.input.safeParse({ accountId: admin.accountId }).success,
    ).toBe(false)
    for (const [name, declaration] of Object.entries(deskAccountCalls))
      expect([name, declaration.access === 'public']).toEqual([name, name === 'signIn'])
  })
})
