import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DESK_PASSWORD, joinableDesk, type JoinableDesk } from '../../tests/support/joinableDesk'
import { tempDir } from '../../tests/support/tempDir'
import { systemClock } from '../shared/domain/Clock'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

let desk: JoinableDesk
let writer: { id: string; email: string }
let dir: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  desk = await joinableDesk(systemClock)
  writer = await desk.account('Wren Writer', 'writer')
}, 120_000)
afterAll(() => desk?.cleanup())
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

/** The CLI as a terminal runs it; `stdin` is what is piped in ('terminal': nothing is). */
function cli(stdin: string | 'terminal' | null, ...args: string[]) {
  return runCliCaptured([...args, '--data-dir', dir.path], {
    ...(stdin === 'terminal' ? { stdinIsTTY: true } : {}),
    ...(stdin !== null && stdin !== 'terminal' ? { stdin: async () => stdin } : {}),
  })
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const address = server.address()
  await new Promise((closed) => server.close(closed))
  return typeof address === 'object' && address !== null ? address.port : 0
}

async function logsText(): Promise<string> {
  const folder = join(dir.path, 'logs')
  const names = await readdir(folder).catch(() => [])
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')))
  return texts.join('\n')
}

describe('copydesk desk join, status, leave', { timeout: 60_000 }, () => {
  it('joins with the password piped in, works as the account, shows the status, and leaves', async () => {
    const joined = await cli(
      `${DESK_PASSWORD}\n`,
      'desk',
      'join',
      desk.url,
      '--email',
      writer.email,
      '--password-stdin',
    )
    expect(joined).toMatchObject({ code: 0, err: '' })
    expect(joined.out).toContain(`Desk      ${desk.url}`)
    expect(joined.out).toContain(`Account   Wren Writer <${writer.email}> · writer`)
    expect(joined.out).toContain('Token     in the secrets file, readable by this user only')
    expect(joined.out).toMatch(/Sign-in {3}signed in/)

    const profile = await cli(null, 'profile')
    expect(profile.out).toBe(
      `Wren Writer (Writer): signed in to the desk at ${desk.url} as ${writer.email} (writer)`,
    )
    const created = await cli(null, 'create', '--headline', 'Filed from the train', '--json')
    expect(JSON.parse(created.out)).toMatchObject({ author: 'Wren Writer' })

    const status = await cli(null, 'desk', 'status', '--json')
    expect(status.code).toBe(0)
    expect(JSON.parse(status.out)).toMatchObject({
      joined: true,
      connection: { url: desk.url, account: { email: writer.email } },
      session: { state: 'signed-in' },
    })

    const token = String(
      JSON.parse(await readFile(join(dir.path, 'secrets.json'), 'utf8')).values.deskToken,
    )
    expect(token.length).toBeGreaterThan(20)
    expect(status.out + (await logsText())).not.toContain(token)

    const left = await cli(null, 'desk', 'leave')
    expect(left.code).toBe(0)
    expect(left.out).toBe(
      `Left the desk at ${desk.url}: this device (${JSON.parse(status.out).connection.deviceName}) is signed out there. The stories on this workstation stay.`,
    )
    expect((await cli(null, 'desk', 'status')).out).toMatch(/^Not joined to a desk/)
    expect((await cli(null, 'list')).out).toContain('Filed from the train')
    const secrets = await readFile(join(dir.path, 'secrets.json'), 'utf8')
    expect(secrets).not.toContain('deskToken')
    expect(await logsText()).not.toContain(DESK_PASSWORD)
  })

  it('says the desk’s refusal of a wrong password in one line, exit 1, and keeps nothing', async () => {
    const wrong = await cli(
      'not the password',
      'desk',
      'join',
      desk.url,
      '--email',
      writer.email,
      '--password-stdin',
    )
    expect(wrong).toEqual({ code: 1, out: '', err: 'copydesk: Wrong e-mail or password.' })
    expect((await cli(null, 'desk', 'status')).out).toMatch(/^Not joined to a desk/)
  })

  it('refuses plain http to another computer, and an address with nothing listening, in one line', async () => {
    const plain = await cli(
      DESK_PASSWORD,
      'desk',
      'join',
      'http://desk.example.org',
      '--email',
      writer.email,
      '--password-stdin',
    )
    expect(plain.code).toBe(1)
    expect(plain.err).toMatch(
      /^copydesk: Refused to sign in to http:\/\/desk\.example\.org over plain http:\/\/: [^\n]+$/,
    )
    const closed = await freePort()
    const nothing = await cli(
      DESK_PASSWORD,
      'desk',
      'join',
      `http://127.0.0.1:${closed}`,
      '--email',
      writer.email,
      '--password-stdin',
    )
    expect(nothing.code).toBe(1)
    expect(nothing.err).toMatch(
      new RegExp(
        `^copydesk: Cannot reach the desk at http://127\\.0\\.0\\.1:${closed}: ECONNREFUSED[^\\n]+$`,
      ),
    )
  })

  it('takes the password from standard input only: argv, a terminal or no --password-stdin are usage errors', async () => {
    const onArgv = await cli(
      null,
      'desk',
      'join',
      desk.url,
      '--email',
      writer.email,
      '--password',
      DESK_PASSWORD,
    )
    expect(onArgv.code).toBe(2)
    expect(onArgv.err).toMatch(/^copydesk: desk join takes the password from standard input only/)
    const terminal = await cli(
      'terminal',
      'desk',
      'join',
      desk.url,
      '--email',
      writer.email,
      '--password-stdin',
    )
    expect(terminal.code).toBe(2)
    expect(terminal.err).toMatch(
      /^copydesk: --password-stdin reads a password piped in, and nothing is piped/,
    )
    const noFlag = await cli(DESK_PASSWORD, 'desk', 'join', desk.url, '--email', writer.email)
    expect(noFlag.code).toBe(2)
    expect(noFlag.err).toMatch(/^copydesk: desk join needs --password-stdin/)
    const noEmail = await cli(DESK_PASSWORD, 'desk', 'join', desk.url, '--password-stdin')
    expect(noEmail).toMatchObject({
      code: 2,
      err: "copydesk: desk join needs the account's e-mail: --email E.",
    })
    expect((await cli(null, 'desk', 'join')).code).toBe(2)
    expect((await cli(null, 'desk', 'leave', 'now')).code).toBe(2)
  })

  it('refuses to leave when not joined, and status exits 1 once the desk is down', async () => {
    const notJoined = await cli(null, 'desk', 'leave')
    expect(notJoined).toEqual({
      code: 1,
      out: '',
      err: 'copydesk: This workstation has not joined a desk.',
    })
    await cli(DESK_PASSWORD, 'desk', 'join', desk.url, '--email', writer.email, '--password-stdin')
    await desk.stop()
    const down = await cli(null, 'desk', 'status')
    expect(down.code).toBe(1)
    expect(down.out).toMatch(
      /Sign-in {3}unreachable: Cannot reach the desk at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    )
  })
})
