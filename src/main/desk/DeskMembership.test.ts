import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DESK_PASSWORD, joinableDesk, type JoinableDesk } from '../../../tests/support/joinableDesk'
import { movableClock } from '../../../tests/support/storyDesk'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { DESK_CONNECTION_FILE } from './DeskConnectionFile'

const clock = movableClock('2026-12-01T10:00:00.000Z')
let desk: JoinableDesk
let writer: { id: string; email: string }
let chief: { id: string; email: string }
const open: { ws: Workstation; cleanup: () => Promise<void> }[] = []

beforeAll(async () => {
  desk = await joinableDesk(clock)
  await desk.account('Ada Admin', 'desk-admin')
  writer = await desk.account('Wren Writer', 'writer')
  chief = await desk.account('Cleo Chief', 'desk-chief')
}, 120_000)
afterAll(() => desk?.cleanup())
afterEach(async () => {
  for (const { ws, cleanup } of open.splice(0)) {
    await ws.close()
    await cleanup()
  }
})

async function workstation(
  options: { fetch?: typeof fetch } = {},
): Promise<{ ws: Workstation; dataDir: string }> {
  const dir = await tempDir()
  const ws = await openWorkstation({
    dataDir: dir.path,
    host: 'cli',
    version: 'test',
    clock,
    ...(options.fetch ? { deskFetch: options.fetch } : {}),
  })
  open.push({ ws, cleanup: dir.cleanup })
  return { ws, dataDir: dir.path }
}

async function refusal(
  call: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await call
  } catch (error) {
    if (error instanceof Error && 'code' in error)
      return {
        code: String(error.code),
        message: error.message,
        details: 'details' in error ? error.details : undefined,
      }
    throw error
  }
  throw new Error('the call was not refused')
}

async function storedToken(dataDir: string): Promise<string> {
  const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8'))
  return String(secrets.values.deskToken)
}

function asDevice(token: string) {
  return createDeskClient({ baseUrl: desk.url, fetch, token: () => token })
}

describe('joining a desk', { timeout: 60_000 }, () => {
  it('signs in: the connection in desk-connection.json, the token only in the 0600 secrets file, the account as the profile', async () => {
    const { ws, dataDir } = await workstation()
    await ws.client.setProfile({ name: 'Local Name', role: 'desk-chief' })
    const joined = await ws.client.joinDesk({
      url: `${desk.url}/`,
      email: writer.email,
      password: DESK_PASSWORD,
    })
    expect(joined).toMatchObject({
      joined: true,
      connection: {
        url: desk.url,
        account: { id: writer.id, name: 'Wren Writer', email: writer.email, role: 'writer' },
        joinedAt: '2026-12-01T10:00:00.000Z',
      },
      session: { state: 'signed-in' },
      tokenProtection: 'file-permissions',
    })

    const connectionFile = join(dataDir, DESK_CONNECTION_FILE)
    const text = await readFile(connectionFile, 'utf8')
    const token = await storedToken(dataDir)
    expect(token.length).toBeGreaterThan(20)
    expect(text).not.toContain(token)
    expect(JSON.parse(text).connection).toMatchObject({
      url: desk.url,
      account: { email: writer.email },
    })
    expect((await stat(connectionFile)).mode & 0o777).toBe(0o600)
    expect((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600)
    const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8'))
    expect(secrets.origins.deskToken).toBe(new URL(desk.url).origin)
    // The token kept is the one the desk gave this device.
    expect((await asDevice(token).whoAmI({})).account.email).toBe(writer.email)

    // The desk account is who works here now: the profile, the author of new stories.
    expect(await ws.client.getProfile({})).toEqual({
      name: 'Wren Writer',
      role: 'writer',
      desk: { url: desk.url, email: writer.email, accountRole: 'writer' },
    })
    const story = await ws.client.createArticle({ fields: { headline: 'Bridge vote' } })
    expect(story.author).toBe('Wren Writer')
    expect((await ws.client.appInfo({})).user).toBe('Wren Writer')
    expect(
      await refusal(ws.client.setProfile({ name: 'Someone Else', role: 'desk-chief' })),
    ).toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('joined the desk at'),
    })
  })

  it('says the server’s own words for a wrong password, and keeps nothing', async () => {
    const { ws, dataDir } = await workstation()
    expect(
      await refusal(
        ws.client.joinDesk({ url: desk.url, email: writer.email, password: 'not the password' }),
      ),
    ).toEqual({
      code: 'REFUSED',
      message: 'Wrong e-mail or password.',
      details: { desk: 'sign-in-refused' },
    })
    expect(await ws.client.deskStatus({})).toEqual({ joined: false })
    const secrets = JSON.parse(
      await readFile(join(dataDir, 'secrets.json'), 'utf8').catch(() => '{"values":{}}'),
    )
    expect(secrets.values.deskToken).toBeUndefined()
  })

  it('refuses plain http to another computer before anything is sent', async () => {
    const sent: string[] = []
    const spy: typeof fetch = async (input) => {
      sent.push(String(input))
      throw new Error('no request should be made')
    }
    const { ws } = await workstation({ fetch: spy })
    const refused = await refusal(
      ws.client.joinDesk({
        url: 'http://desk.example.org',
        email: writer.email,
        password: DESK_PASSWORD,
      }),
    )
    expect(refused).toMatchObject({ code: 'REFUSED', details: { desk: 'plain-http' } })
    expect(refused.message).toMatch(
      /^Refused to sign in to http:\/\/desk\.example\.org over plain http:\/\//,
    )
    expect(sent).toEqual([])
  })

  it('names an address that is not a desk server, and one that cannot be reached', async () => {
    const { ws } = await workstation()
    const site: Server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><body>Our newsroom</body></html>')
    })
    await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening))
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
    try {
      const notADesk = await refusal(
        ws.client.joinDesk({ url: siteUrl, email: writer.email, password: DESK_PASSWORD }),
      )
      expect(notADesk).toMatchObject({ code: 'REFUSED', details: { desk: 'not-a-desk' } })
      expect(notADesk.message).toContain(`${siteUrl} does not answer as a Copydesk desk server`)
    } finally {
      await new Promise((closed) => site.close(closed))
    }
    const gone = await refusal(
      ws.client.joinDesk({ url: siteUrl, email: writer.email, password: DESK_PASSWORD }),
    )
    expect(gone).toMatchObject({ code: 'REFUSED', details: { desk: 'unreachable' } })
    expect(gone.message).toMatch(/Cannot reach the desk at .*ECONNREFUSED/)
    expect(await ws.client.deskStatus({})).toEqual({ joined: false })
  })

  it('refuses to join another desk (or as another account) while joined, naming the desk joined', async () => {
    const { ws } = await workstation()
    await ws.client.joinDesk({ url: desk.url, email: writer.email, password: DESK_PASSWORD })
    const other = await refusal(
      ws.client.joinDesk({
        url: 'https://other-desk.example.org',
        email: writer.email,
        password: DESK_PASSWORD,
      }),
    )
    expect(other).toEqual({
      code: 'REFUSED',
      message: `This workstation has joined the desk at ${desk.url} as Wren Writer (${writer.email}): leave that desk first ("copydesk desk leave", or Leave in Desk settings).`,
      details: { desk: 'already-joined' },
    })
    const otherAccount = await refusal(
      ws.client.joinDesk({ url: desk.url, email: chief.email, password: DESK_PASSWORD }),
    )
    expect(otherAccount.details).toEqual({ desk: 'already-joined' })
    expect((await ws.client.getProfile({}))?.name).toBe('Wren Writer')
  })
})

describe('leaving a desk', { timeout: 60_000 }, () => {
  it('revokes the token on the desk, forgets it and the connection, and keeps every local story', async () => {
    const { ws, dataDir } = await workstation()
    const before = await ws.client.createArticle({ fields: { headline: 'Written standalone' } })
    await ws.client.joinDesk({ url: desk.url, email: writer.email, password: DESK_PASSWORD })
    const during = await ws.client.createArticle({ fields: { headline: 'Written while joined' } })
    const token = await storedToken(dataDir)

    const left = await ws.client.leaveDesk({})
    expect(left).toMatchObject({ revoked: 'revoked', left: { url: desk.url } })
    expect(left.message).toContain('The stories on this workstation stay.')
    const refusedNow = await asDevice(token)
      .whoAmI({})
      .catch((error: unknown) => error)
    expect(refusedNow).toBeInstanceOf(DeskError)
    expect(refusedNow).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('signed out'),
    })

    expect(await ws.client.deskStatus({})).toEqual({ joined: false })
    expect(JSON.parse(await readFile(join(dataDir, DESK_CONNECTION_FILE), 'utf8'))).toEqual({
      connection: null,
    })
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(token)
    const ids = (await ws.client.listArticles({})).map((article) => article.id).sort()
    expect(ids).toEqual([before.id, during.id].sort())
    expect(await ws.client.getProfile({})).toBeNull()
    expect(await refusal(ws.client.leaveDesk({}))).toMatchObject({
      details: { desk: 'not-joined' },
    })
  })
})

describe('the status of a joined desk', { timeout: 60_000 }, () => {
  it('follows a role changed on the desk, and names a device revoked there', async () => {
    const { ws } = await workstation()
    const rory = await desk.account('Rory Role', 'writer')
    await ws.client.joinDesk({ url: desk.url, email: rory.email, password: DESK_PASSWORD })
    expect((await ws.client.getProfile({}))?.role).toBe('writer')
    await desk.setRole(rory.id, 'desk-admin')
    const status = await ws.client.deskStatus({})
    expect(status).toMatchObject({
      session: { state: 'signed-in', checkedAt: '2026-12-01T10:00:00.000Z' },
      connection: { account: { role: 'desk-admin' } },
    })
    // A desk admin acts on stories as a desk chief.
    expect(await ws.client.getProfile({})).toMatchObject({
      name: 'Rory Role',
      role: 'desk-chief',
      desk: { accountRole: 'desk-admin' },
    })
    const deviceId = status.joined ? status.connection.deviceId : ''
    const phone = await createDeskClient({ baseUrl: desk.url, fetch, token: () => null }).signIn({
      email: rory.email,
      password: DESK_PASSWORD,
      deviceName: 'Phone',
    })
    await asDevice(phone.token).revokeDevice({ deviceId })
    expect(await ws.client.deskStatus({})).toMatchObject({
      joined: true,
      session: {
        state: 'signed-out',
        message: 'This device was signed out (its token was revoked): sign in again.',
      },
    })
    // Joining again as the same account on the same desk is signing in again.
    await ws.client.joinDesk({ url: desk.url, email: rory.email, password: DESK_PASSWORD })
    expect(await ws.client.deskStatus({})).toMatchObject({ session: { state: 'signed-in' } })
  })

  it('names an expired sign-in, and a desk that cannot be reached', async () => {
    const { ws, dataDir } = await workstation()
    await ws.client.joinDesk({ url: desk.url, email: writer.email, password: DESK_PASSWORD })
    const joined = await ws.client.deskStatus({})
    const expiresAt = joined.joined ? joined.connection.expiresAt : ''
    clock.advance(91 * 86_400)
    expect(await ws.client.deskStatus({})).toEqual({
      ...joined,
      session: {
        state: 'expired',
        message: `This workstation's sign-in to ${desk.url} expired on ${expiresAt}: join again to sign in.`,
      },
    })
    await ws.client.joinDesk({ url: desk.url, email: writer.email, password: DESK_PASSWORD })
    expect(await ws.client.deskStatus({})).toMatchObject({ session: { state: 'signed-in' } })

    await desk.stop()
    const down = await ws.client.deskStatus({})
    expect(down).toMatchObject({ joined: true, session: { state: 'unreachable' } })
    expect(down.joined && down.session.state === 'unreachable' ? down.session.message : '').toMatch(
      /^Cannot reach the desk at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    )
    // Leaving a desk that cannot be told still leaves, and says the device stays signed in there.
    const left = await ws.client.leaveDesk({})
    expect(left.revoked).toBe('not-reached')
    expect(left.message).toContain('stays signed in there until its token expires')
    expect(await ws.client.deskStatus({})).toEqual({ joined: false })
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('deskToken')
  })
})
