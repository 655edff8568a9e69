import { createMediaHandlers } from './media/createMediaHandlers'
import { DeskMediaStore } from './media/DeskMediaStore'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, expect, inject, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../tests/support/eachDeskEngine'
import { openMigratedPgliteDb } from '../../tests/support/pgliteFolder'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { rawRequest } from '../../tests/support/rawRequest'
import { draftStory, edited, movableClock } from '../../tests/support/storyDesk'
import { tempDir } from '../../tests/support/tempDir'
import { createDeskClient, type DeskClient } from '../shared/desk/createDeskClient'
import { DeskError } from '../shared/desk/DeskError'
import { transportDetailsOf } from '../shared/desk/DeskTransportErrors'
import type { Article } from '../shared/domain/Article'
import { AccountService } from './accounts/AccountService'
import { createAccountHandlers } from './accounts/createAccountHandlers'
import { ScryptPasswordHasher } from './accounts/ScryptPasswordHasher'
import type { Db } from './db/Db'
import { migrate } from './db/migrate'
import { openPostgresDb } from './db/openPostgresDb'
import { deskReadiness } from './deskReadiness'
import { ChangeFeed } from './feed/ChangeFeed'
import { createFeedHandlers } from './feed/createFeedHandlers'
import { startDeskServer, type DeskServer } from './http/startDeskServer'
import { createOutboxHandlers } from './outbox/createOutboxHandlers'
import { SecretBox } from './outbox/SecretBox'
import { ServerOutbox } from './outbox/ServerOutbox'
import { shippedMigrations } from './shippedMigrations'
import { createStoryHandlers } from './stories/createStoryHandlers'
import { StoryService } from './stories/StoryService'

const PASSWORD = 'attack test password'
const MAX_BODY_BYTES = 256 * 1024
/** What an attacker types into every text field. */
const METACHARACTERS = [
  "'; drop table articles; --",
  '$1',
  '\\',
  "Robert'); delete from accounts where ('1'='1",
  '"; select pg_sleep(10); --',
]
const NUL = 'before\u0000after'
/** Half of a surrogate pair: JSON can carry it, Unicode text cannot. */
const LONE_SURROGATE = 'half \ud800 a pair'
/** Every table whose rows a call can add; "nothing changed" is these counts. */
const TABLES = [
  'accounts',
  'device_tokens',
  'articles',
  'revisions',
  'notes',
  'audit',
  'changes',
  'leases',
  'lease_takeovers',
  'kept_copies',
  'sign_in_attempts',
] as const
type Counts = Record<(typeof TABLES)[number], number>

/** Real scrypt, at a cost that keeps dozens of sign-ins within the test's time. */
const hasher = new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } })

async function counts(db: Db): Promise<Counts> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [row] = await db.query(`select count(*)::int as n from ${table}`)
      return [table, Number(row?.['n'])] as const
    }),
  )
  return Object.fromEntries(entries) as Counts
}

/** The tables that grew and by how much (none may shrink). */
function growth(before: Counts, after: Counts): Partial<Counts> {
  const grown: Partial<Counts> = {}
  for (const table of TABLES) {
    expect(after[table], table).toBeGreaterThanOrEqual(before[table])
    if (after[table] !== before[table]) grown[table] = after[table] - before[table]
  }
  return grown
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(outcome instanceof DeskError)) throw new Error(`expected a refusal, got ${String(outcome)}`)
  return outcome
}

/** A story whose every text field carries `text`. */
function storyWith(text: string): Article {
  return {
    ...edited(draftStory(), `Body ${text}`),
    headline: `Headline ${text}`,
    deck: `Deck ${text}`,
    byline: [`Byline ${text}`],
    tags: [`tag ${text}`],
    sources: [{ name: `Source ${text}` }],
  }
}

/** Another desk (its own database) with an account signed in: its token means nothing here. */
async function otherDeskToken(clock: ReturnType<typeof movableClock>): Promise<string> {
  const postgres = inject('testPostgres')
  let db: Db
  let dispose: () => Promise<void>
  if (postgres.url !== null) {
    const created = await postgresTestDatabase(postgres.url)
    db = await openPostgresDb({ url: created.url })
    dispose = async () => {
      await db.close()
      await created.drop()
    }
  } else {
    const folder = await tempDir('copydesk-other-desk-')
    db = await openMigratedPgliteDb(folder.path)
    dispose = async () => {
      await db.close()
      await folder.cleanup()
    }
  }
  try {
    await migrate(db, shippedMigrations())
    const accounts = new AccountService(db, clock, { hasher })
    await accounts.createFirstAdmin('admin@other.example', 'Other Admin', PASSWORD)
    const session = await accounts.signIn({
      email: 'admin@other.example',
      password: PASSWORD,
      deviceName: 'Other laptop',
      remoteAddress: '127.0.0.1',
    })
    return session.token
  } finally {
    await dispose()
  }
}

eachDeskEngine('attacks on a desk server with real accounts', (open) => {
  let desk: DeskDatabase
  let feed: ChangeFeed
  let server: DeskServer
  const clock = movableClock('2026-12-01T08:00:00Z')
  const retryAfterHeaders: (string | null)[] = []
  /** The real fetch, noting each 429's Retry-After header (the client hands on only the body). */
  const noting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (response.status === 429) retryAfterHeaders.push(response.headers.get('retry-after'))
    return response
  }
  const client = (token: string | null): DeskClient =>
    createDeskClient({ baseUrl: server.url, fetch: noting, token: () => token })
  const signIn = async (email: string, password = PASSWORD, deviceName = 'Laptop') => {
    const session = await client(null).signIn({ email, password, deviceName })
    return { ...session, client: client(session.token) }
  }
  let admin: Awaited<ReturnType<typeof signIn>>
  let writer: Awaited<ReturnType<typeof signIn>>
  let chief: Awaited<ReturnType<typeof signIn>>

  beforeAll(async () => {
    desk = await open()
    const accounts = new AccountService(desk.db, clock, { hasher })
    const stories = new StoryService(desk.db, clock)
    const outbox = new ServerOutbox(desk.db, stories, clock, {
      secrets: SecretBox.fromKey(randomBytes(32)),
      log: () => {},
    })
    feed = await ChangeFeed.start({ db: desk.db })
    server = await startDeskServer({
      handlers: {
        ...createAccountHandlers(accounts),
        ...createStoryHandlers(stories),
        ...createOutboxHandlers(outbox),
        ...createMediaHandlers(new DeskMediaStore(desk.db, clock)),
        ...createFeedHandlers({ db: desk.db, feed, serverVersion: 'attack-test' }),
      },
      authenticate: accounts.authenticate,
      ready: deskReadiness(desk.db, shippedMigrations()),
      log: () => {},
      clock,
      limits: { maxBodyBytes: MAX_BODY_BYTES },
    })
    await accounts.createFirstAdmin('admin@attack.example', 'Asha Admin', PASSWORD)
    admin = await signIn('admin@attack.example')
    for (const [email, role] of [
      ['wren@attack.example', 'writer'],
      ['chief@attack.example', 'desk-chief'],
    ] as const)
      await admin.client.createAccount({ email, name: email, role, password: PASSWORD })
    writer = await signIn('wren@attack.example')
    chief = await signIn('chief@attack.example')
  })
  afterAll(async () => {
    await server?.close()
    await feed?.stop()
  })
  // Rate limits refill with the clock; each test starts with full buckets (the flood test empties them).
  beforeEach(() => clock.advance(60))

  it('refuses no token, a malformed one and one it never gave out, saying so, and changes nothing', async () => {
    const before = await counts(desk.db)
    const story = draftStory()
    expect(await refusal(client(null).saveStory({ document: story }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message:
        'saveStory needs a signed-in device: send its token as "Authorization: Bearer <token>".',
    })
    for (const header of ['Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${writer.token} extra`]) {
      const response = await rawRequest(server.url, '/v1/stories', {
        headers: { authorization: header },
      })
      expect(response.status, header).toBe(401)
      expect(JSON.parse(response.body).error.message).toBe(
        'The Authorization header is not "Bearer <token>".',
      )
    }
    expect(await refusal(client('not-a-token').saveStory({ document: story }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Unknown device token: sign in again.',
    })
    const guessed = randomBytes(32).toString('base64url')
    expect(await refusal(client(guessed).saveStory({ document: story }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Unknown device token (not one this desk gave out): sign in again.',
    })
    expect(growth(before, await counts(desk.db))).toEqual({})
  })

  it('refuses a token another desk gave out', async () => {
    const token = await otherDeskToken(clock)
    const before = await counts(desk.db)
    for (const call of [
      () => client(token).whoAmI({}),
      () => client(token).saveStory({ document: draftStory() }),
      () => client(token).listAccounts({}),
    ])
      expect(await refusal(call())).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Unknown device token (not one this desk gave out): sign in again.',
      })
    expect(growth(before, await counts(desk.db))).toEqual({})
  })

  it('refuses a signed-out device and a disabled account, saying why', async () => {
    const phone = await signIn('wren@attack.example', PASSWORD, 'Old phone')
    await phone.client.signOut({})
    const dee = await admin.client.createAccount({
      email: 'dee@attack.example',
      name: 'Dee Disabled',
      role: 'writer',
      password: PASSWORD,
    })
    const deeDevice = await signIn('dee@attack.example')
    await admin.client.updateAccount({ accountId: dee.account.id, disabled: true })
    const before = await counts(desk.db)
    expect(await refusal(phone.client.saveStory({ document: draftStory() }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This device was signed out (its token was revoked): sign in again.',
    })
    expect(await refusal(deeDevice.client.saveStory({ document: draftStory() }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This account is disabled: ask a desk admin.',
    })
    expect(growth(before, await counts(desk.db))).toEqual({})
    // Signing in again is refused too, and only the failed attempt is written down.
    expect(await refusal(signIn('dee@attack.example'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This account is disabled: ask a desk admin.',
    })
    expect(growth(before, await counts(desk.db))).toEqual({ audit: 1, sign_in_attempts: 1 })
  })

  it('refuses a writer who approves, takes a story over or manages accounts', async () => {
    const story = draftStory()
    const saved = await writer.client.saveStory({ document: story })
    const submitted = await writer.client.transition({
      id: story.id,
      action: 'submit',
      revision: saved.revision,
    })
    await writer.client.acquireLease({ id: story.id })
    const before = await counts(desk.db)
    expect(
      await refusal(
        writer.client.transition({ id: story.id, action: 'approve', revision: saved.revision }),
      ),
    ).toMatchObject({ code: 'REFUSED', message: 'Approve is for a desk chief.' })
    expect(
      await refusal(writer.client.takeOverLease({ id: story.id, note: 'mine now' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'takeOverLease is for desk chiefs; this account is a writer.',
    })
    expect(
      await refusal(
        writer.client.createAccount({
          email: 'sneaky@attack.example',
          name: 'Sneaky',
          role: 'desk-admin',
          password: PASSWORD,
        }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'createAccount is for desk admins; this account is a writer.',
    })
    expect(
      await refusal(
        chief.client.updateAccount({ accountId: writer.account.id, role: 'desk-admin' }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'updateAccount is for desk admins; this account is a desk-chief.',
    })
    expect(growth(before, await counts(desk.db))).toEqual({})
    expect((await chief.client.getStory({ id: story.id })).status).toBe(submitted.status)
  })

  it('stores SQL metacharacters in every text of a story, a transition note, a note and a take-over note verbatim, and nothing else', async () => {
    for (const text of METACHARACTERS) {
      const before = await counts(desk.db)
      const story = storyWith(text)
      await writer.client.saveStory({ document: story })
      await writer.client.transition({
        id: story.id,
        action: 'submit',
        revision: 1,
        note: `Submitting ${text}`,
      })
      await writer.client.acquireLease({ id: story.id })
      const note = await writer.client.addNote({ id: story.id, body: `Note ${text}` })
      await chief.client.takeOverLease({ id: story.id, note: `Taking over ${text}` })
      expect(growth(before, await counts(desk.db))).toEqual({
        articles: 1,
        revisions: 1,
        notes: 1,
        leases: 1,
        lease_takeovers: 1,
        audit: 4,
        changes: 5,
      })
      const stored = await chief.client.getStory({ id: story.id })
      expect(stored.document).toMatchObject({
        headline: story.headline,
        deck: story.deck,
        byline: story.byline,
        tags: story.tags,
        sources: story.sources,
        body: story.body,
      })
      expect(stored.document.statusNote?.text).toBe(`Submitting ${text}`)
      expect((await chief.client.listNotes({ id: story.id })).notes).toEqual([note])
      expect(note.body).toBe(`Note ${text}`)
      const afterwards = await counts(desk.db)
      const lost = await refusal(writer.client.renewLease({ id: story.id }))
      expect(lost).toMatchObject({ code: 'CONFLICT', details: { note: `Taking over ${text}` } })
      expect(growth(afterwards, await counts(desk.db))).toEqual({})
    }
  })

  it('stores SQL metacharacters in account names, e-mails, passwords and device names, and signs in with them', async () => {
    for (const [i, text] of METACHARACTERS.entries()) {
      const email = `o'${i}--$1\\x@attack.example`
      const before = await counts(desk.db)
      const created = await admin.client.createAccount({
        email,
        name: `Name ${text}`,
        role: 'writer',
        password: `Password ${text}`,
      })
      expect(created.account).toMatchObject({ email, name: `Name ${text}` })
      const session = await signIn(email, `Password ${text}`, `Device ${text}`)
      expect(session.device.name).toBe(`Device ${text}`)
      expect(growth(before, await counts(desk.db))).toEqual({
        accounts: 1,
        device_tokens: 1,
        audit: 2,
        // The new account, on the change feed (account_changed).
        changes: 1,
      })
      // A wrong password made of them, and an e-mail no one has: the same answer, one failure each.
      const beforeFailures = await counts(desk.db)
      for (const attempt of [
        () => signIn(email, text.padEnd(10, '#')),
        () => signIn(`${text.replace(/\s/g, '')}@attack.example`, PASSWORD),
      ])
        expect(await refusal(attempt())).toMatchObject({
          code: 'UNAUTHENTICATED',
          message: 'Wrong e-mail or password.',
        })
      // Each refused sign-in leaves its audit row and its counted attempt, and nothing else.
      expect(growth(beforeFailures, await counts(desk.db))).toEqual({
        audit: 2,
        sign_in_attempts: 2,
      })
    }
    const names = (await admin.client.listAccounts({})).accounts.map((account) => account.name)
    for (const text of METACHARACTERS) expect(names).toContain(`Name ${text}`)
  })

  it('has no search to attack: the story list takes only a story id and a number', async () => {
    const before = await counts(desk.db)
    for (const text of METACHARACTERS) {
      const refused = await refusal(writer.client.listStories({ after: text, limit: 10 }))
      expect(refused).toMatchObject({ code: 'INVALID_INPUT' })
      expect(refused.message).toMatch(/after/)
    }
    expect(growth(before, await counts(desk.db))).toEqual({})
  })

  it('refuses NUL and lone surrogates (which PostgreSQL cannot store) clearly wherever they are sent, never failing', async () => {
    const before = await counts(desk.db)
    const story = draftStory()
    await writer.client.saveStory({ document: story })
    const afterSave = await counts(desk.db)
    const attempts: [string, () => Promise<unknown>][] = [
      ['headline', () => writer.client.saveStory({ document: { ...draftStory(), headline: NUL } })],
      ['deck', () => writer.client.saveStory({ document: { ...draftStory(), deck: NUL } })],
      ['body', () => writer.client.saveStory({ document: edited(draftStory(), NUL) })],
      ['byline', () => writer.client.saveStory({ document: { ...draftStory(), byline: [NUL] } })],
      ['tags', () => writer.client.saveStory({ document: { ...draftStory(), tags: [NUL] } })],
      [
        'sources',
        () => writer.client.saveStory({ document: { ...draftStory(), sources: [{ name: NUL }] } }),
      ],
      ['note', () => writer.client.addNote({ id: story.id, body: NUL })],
      ['take-over note', () => chief.client.takeOverLease({ id: story.id, note: NUL })],
      [
        'transition note',
        () => writer.client.transition({ id: story.id, action: 'submit', revision: 1, note: NUL }),
      ],
      [
        'account name',
        () =>
          admin.client.createAccount({
            email: 'nul@attack.example',
            name: NUL,
            role: 'writer',
            password: PASSWORD,
          }),
      ],
      [
        'account e-mail',
        () =>
          admin.client.createAccount({
            email: `${NUL}@attack.example`,
            name: 'Nul',
            role: 'writer',
            password: PASSWORD,
          }),
      ],
      ['sign-in e-mail', () => signIn(`${NUL}@attack.example`)],
      ['sign-in device name', () => signIn('wren@attack.example', PASSWORD, NUL)],
      [
        'headline, lone surrogate',
        () => writer.client.saveStory({ document: { ...draftStory(), headline: LONE_SURROGATE } }),
      ],
      [
        'body, lone surrogate',
        () => writer.client.saveStory({ document: edited(draftStory(), LONE_SURROGATE) }),
      ],
      ['note, lone surrogate', () => writer.client.addNote({ id: story.id, body: LONE_SURROGATE })],
      [
        'account name, lone surrogate',
        () =>
          admin.client.createAccount({
            email: 'half@attack.example',
            name: LONE_SURROGATE,
            role: 'writer',
            password: PASSWORD,
          }),
      ],
    ]
    for (const [field, attempt] of attempts) {
      const refused = await refusal(attempt())
      expect(refused.code, `${field}: ${refused.message}`).toBe('INVALID_INPUT')
      expect(refused.message, field).toMatch(
        /^Invalid input for \w+: [\w.]+: text (may not contain the NUL character \(U\+0000\)|must be well-formed Unicode \(it holds half of a surrogate pair\))\.$/,
      )
    }
    expect(growth(afterSave, await counts(desk.db))).toEqual({})
    expect(growth(before, afterSave)).toEqual({ articles: 1, revisions: 1, audit: 1, changes: 1 })
  })

  it('refuses an oversize body 413 and malformed JSON 400, and answers the next request', async () => {
    const before = await counts(desk.db)
    const huge = edited(draftStory(), 'x'.repeat(MAX_BODY_BYTES))
    expect(await refusal(writer.client.saveStory({ document: huge }))).toMatchObject({
      code: 'TOO_LARGE',
      message: `The request body is over ${MAX_BODY_BYTES} bytes.`,
      details: { maxBytes: MAX_BODY_BYTES },
    })
    const headers = {
      authorization: `Bearer ${writer.token}`,
      'content-type': 'application/json',
    }
    for (const body of ['{"document": ', '{"document": {}}}', "{'document': 1}", '\u0000']) {
      const response = await rawRequest(server.url, '/v1/stories/save', {
        method: 'POST',
        headers,
        body,
      })
      expect(response.status, body).toBe(400)
      expect(JSON.parse(response.body).error).toEqual({
        code: 'INVALID_INPUT',
        message: 'The request body is not valid JSON.',
      })
    }
    const wrongShape = await rawRequest(server.url, '/v1/stories/save', {
      method: 'POST',
      headers,
      body: JSON.stringify({ document: 'drop table articles' }),
    })
    expect(wrongShape.status).toBe(400)
    expect(growth(before, await counts(desk.db))).toEqual({})
    expect((await writer.client.whoAmI({})).account.id).toBe(writer.account.id)
  })

  it('answers 2,000 requests sent 50 at a time (429s with Retry-After), then a normal one', async () => {
    const story = draftStory()
    await writer.client.saveStory({ document: story })
    const before = await counts(desk.db)
    const flooders = [writer.client, chief.client, admin.client]
    const calls = [
      (c: DeskClient) => c.listStories({ limit: 5 }),
      (c: DeskClient) => c.getStory({ id: story.id }),
      (c: DeskClient) => c.whoAmI({}),
      (c: DeskClient) => c.listChanges({ since: 0 }),
    ]
    retryAfterHeaders.length = 0
    const outcomes: ('ok' | number)[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 2_000) {
          const n = next++
          const call = calls[n % calls.length]
          const caller = flooders[n % flooders.length]
          if (!call || !caller) throw new Error('no call')
          try {
            await call(caller)
            outcomes.push('ok')
          } catch (error) {
            const wait = transportDetailsOf(
              error instanceof DeskError ? error : { code: '' },
              'RATE_LIMITED',
            )
            if (!wait) throw error
            outcomes.push(wait.retryAfterSeconds)
          }
        }
      }),
    )
    expect(outcomes).toHaveLength(2_000)
    const waits = outcomes.filter((outcome) => outcome !== 'ok')
    expect(waits.length).toBeGreaterThan(0)
    expect(outcomes.filter((outcome) => outcome === 'ok').length).toBeGreaterThan(0)
    // Every 429 said when to come back, in the header and in the body alike.
    expect(retryAfterHeaders.sort()).toEqual(waits.map(String).sort())
    expect(growth(before, await counts(desk.db))).toEqual({})
    // Right after: still told to wait; once that wait has passed, served as usual.
    const still = await refusal(writer.client.whoAmI({}))
    const wait = transportDetailsOf(still, 'RATE_LIMITED')?.retryAfterSeconds ?? 0
    expect(wait).toBeGreaterThan(0)
    clock.advance(wait)
    expect((await writer.client.getStory({ id: story.id })).revision).toBe(1)
  })

  it('refuses an expired device token, saying when it expired (last: it moves the clock 91 days)', async () => {
    const device = await signIn('wren@attack.example', PASSWORD, 'Expiring laptop')
    clock.advance(91 * 86_400)
    const before = await counts(desk.db)
    expect(await refusal(device.client.saveStory({ document: draftStory() }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: `This device's sign-in expired on ${device.expiresAt}: sign in again.`,
    })
    expect(growth(before, await counts(desk.db))).toEqual({})
  })
})
