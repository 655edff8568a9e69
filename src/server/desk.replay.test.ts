import { createMediaHandlers } from './media/createMediaHandlers'
import { DeskMediaStore } from './media/DeskMediaStore'
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../tests/support/eachDeskEngine'
import { draftStory, edited, movableClock } from '../../tests/support/storyDesk'
import { createDeskClient, type DeskClient } from '../shared/desk/createDeskClient'
import { DeskError } from '../shared/desk/DeskError'
import { AccountService } from './accounts/AccountService'
import { createAccountHandlers } from './accounts/createAccountHandlers'
import { ScryptPasswordHasher } from './accounts/ScryptPasswordHasher'
import { deskReadiness } from './deskReadiness'
import { ChangeFeed } from './feed/ChangeFeed'
import { createFeedHandlers } from './feed/createFeedHandlers'
import type { DeskLogLine } from './http/DeskLog'
import { startDeskServer, type DeskServer } from './http/startDeskServer'
import { createOutboxHandlers } from './outbox/createOutboxHandlers'
import { SecretBox } from './outbox/SecretBox'
import { ServerOutbox } from './outbox/ServerOutbox'
import { shippedMigrations } from './shippedMigrations'
import { createStoryHandlers } from './stories/createStoryHandlers'
import { StoryService } from './stories/StoryService'

const PASSWORD = 'replay test password'
const hasher = new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } })

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(outcome instanceof DeskError)) throw new Error(`expected a refusal, got ${String(outcome)}`)
  return outcome
}

/**
 * A workstation's sync queue over HTTP with the real client, on a network that drops answers: the
 * server commits the write, the answer never arrives, the queue sends the same write again.
 */
eachDeskEngine('replays over HTTP', (open) => {
  let desk: DeskDatabase
  let feed: ChangeFeed
  let server: DeskServer
  const logs: DeskLogLine[] = []
  const clock = movableClock('2026-12-01T09:00:00Z')
  /** Set before a call whose answer the network loses (after the server has answered). */
  let loseNextAnswer = false
  const flaky: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (!loseNextAnswer) return response
    loseNextAnswer = false
    await response.text()
    throw new TypeError('fetch failed', { cause: new Error('socket hang up') })
  }
  const client = (token: string | null): DeskClient =>
    createDeskClient({ baseUrl: server.url, fetch: flaky, token: () => token })
  const signIn = async (email: string) => {
    const session = await client(null).signIn({ email, password: PASSWORD, deviceName: 'Laptop' })
    return client(session.token)
  }
  /** The call, whose answer is lost on the way back: the client sees an unreachable desk. */
  async function answerLost(call: () => Promise<unknown>): Promise<void> {
    loseNextAnswer = true
    const lost = await refusal(call())
    expect(lost.code).toBe('UNAVAILABLE')
  }

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
        ...createFeedHandlers({ db: desk.db, feed, serverVersion: 'replay-test' }),
      },
      authenticate: accounts.authenticate,
      ready: deskReadiness(desk.db, shippedMigrations()),
      log: (line) => logs.push(line),
      clock,
    })
    await accounts.createFirstAdmin('admin@replay.example', 'Ada Admin', PASSWORD)
    const admin = await signIn('admin@replay.example')
    for (const [email, role] of [
      ['wren@replay.example', 'writer'],
      ['chief@replay.example', 'desk-chief'],
    ] as const)
      await admin.createAccount({ email, name: email, role, password: PASSWORD })
  })
  afterAll(async () => {
    await server?.close()
    await feed?.stop()
  })

  it('a save, a note and a transition sent again after their answers were lost are each applied once', async () => {
    const writer = await signIn('wren@replay.example')
    const chief = await signIn('chief@replay.example')
    const { last: from } = await writer.listChanges({ since: 0 })
    const draft = draftStory()

    const create = { document: draft, saveId: randomUUID() }
    await answerLost(() => writer.saveStory(create))
    const created = await writer.saveStory(create)
    expect(created).toMatchObject({ revision: 1, replayed: true })

    const save = {
      document: edited(created.document, 'Filed from the train.'),
      baseRevision: 1,
      saveId: randomUUID(),
    }
    await answerLost(() => writer.saveStory(save))
    const saved = await writer.saveStory(save)
    expect(saved).toMatchObject({ revision: 2, replayed: true })
    expect(saved.document.body).toEqual(save.document.body)

    const note = { id: draft.id, body: 'Source for the second paragraph?', noteId: randomUUID() }
    await answerLost(() => chief.addNote(note))
    expect(await chief.addNote(note)).toMatchObject({ id: note.noteId, replayed: true })

    const submit = {
      id: draft.id,
      action: 'submit' as const,
      revision: 2,
      transitionId: randomUUID(),
    }
    await answerLost(() => writer.transition(submit))
    expect(await writer.transition(submit)).toMatchObject({ status: 'submitted', replayed: true })

    // The same saveId with another text is refused in words, over the wire too.
    const reused = await refusal(
      writer.saveStory({ ...save, document: edited(created.document, 'Other words.') }),
    )
    expect(reused.code).toBe('INVALID_INPUT')
    expect(reused.details).toEqual({ problems: [reused.message] })
    expect(reused.message).toContain(save.saveId)

    const { changes } = await writer.listChanges({ since: from })
    expect(
      changes.filter((c) => c.articleId === draft.id).map((c) => [c.kind, c.revision]),
    ).toEqual([
      ['story_saved', 1],
      ['story_saved', 2],
      ['note_added', 2],
      ['story_transitioned', 2],
    ])
    expect((await writer.listNotes({ id: draft.id })).notes).toHaveLength(1)
    const { entries } = await chief.getAudit({ id: draft.id })
    expect(entries.map((e) => e.action)).toEqual([
      'story_created',
      'story_saved',
      'note_added',
      'transition:submit',
    ])
    // Every refusal was one its call declares (else the server logs a bug and drops the details).
    expect(logs.filter((l) => l.event.startsWith('undeclared') || l.level === 'error')).toEqual([])
  })
})
