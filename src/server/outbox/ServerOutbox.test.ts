import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { FAKE_TOKEN, FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../../../tests/support/fakeCms'
import { draftStory, edited, movableClock, signedIn } from '../../../tests/support/storyDesk'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import { StoryService } from '../stories/StoryService'
import { SecretBox } from './SecretBox'
import { ServerOutbox } from './ServerOutbox'

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}

eachDeskEngine('The desk server outbox', (open) => {
  let desk: DeskDatabase
  let cms: FakeCms
  let stories: StoryService
  let outbox: ServerOutbox
  let writer: Principal
  let chief: Principal
  let admin: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')
  const box = SecretBox.fromKey(randomBytes(32))
  const logs: string[] = []

  const outboxOn = (db: Db, options: { timeoutMs?: number; secrets?: SecretBox } = {}) =>
    new ServerOutbox(db, new StoryService(db, clock), clock, {
      secrets: options.secrets ?? box,
      timeoutMs: options.timeoutMs ?? 5_000,
      claimSeconds: 60,
      log: (level, message, fields) => logs.push(JSON.stringify({ level, message, ...fields })),
    })

  beforeAll(async () => {
    desk = await open()
    cms = await new FakeCms().start()
    stories = new StoryService(desk.db, clock)
    outbox = outboxOn(desk.db)
    writer = await signedIn(desk.db, 'Asha Rao', 'writer')
    chief = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
    admin = await signedIn(desk.db, 'Ada Admin', 'desk-admin')
  })
  afterAll(async () => {
    await cms.stop()
  })
  beforeEach(async () => {
    cms.mode = 'ok'
    await outbox.setTarget(admin, {
      target: 'webhook',
      url: `${cms.url}/hook`,
      user: '',
      postStatus: 'draft',
      secret: FAKE_TOKEN,
    })
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'publish',
      secret: FAKE_WP_PASSWORD,
    })
  })

  /** A story written by the writer and approved by the chief on revision 1. */
  async function approvedStory(text: string): Promise<string> {
    const { document } = await stories.saveStory(writer, { document: edited(draftStory(), text) })
    await stories.transition(writer, { id: document.id, action: 'submit', revision: 1, note: '' })
    await stories.transition(chief, { id: document.id, action: 'approve', revision: 1, note: '' })
    return document.id
  }

  const hooksFor = (id: string) =>
    [...cms.hooks.entries()].filter(([key]) => key.startsWith(`${id}:`)).map(([, body]) => body)
  const postsFor = (id: string) => [...cms.posts.values()].filter((p) => p.content.includes(id))
  const status = async (id: string) => (await stories.getStory(chief, id)).status

  it('sends exactly the approved revision, and the webhook confirming it publishes the story', async () => {
    const id = await approvedStory('The approved text.')
    const outcome = await outbox.push(chief, { id, target: 'webhook' })
    expect(outcome.sent).toBe(true)
    expect(outcome.item).toMatchObject({
      revision: 1,
      state: 'sent',
      pushedBy: { accountId: chief.accountId },
    })
    const [body] = hooksFor(id)
    expect(JSON.stringify(body)).toContain('The approved text.')
    expect(await status(id)).toBe('published')
    const audit = await stories.getAudit(chief, id)
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['outbox:queued', 'outbox:sent', 'outbox:live', 'transition:publish']),
    )

    // Reopened and saved afterwards: nothing more goes out, and what was sent stays the approved text.
    await stories.transition(chief, { id, action: 'reopen', revision: 1, note: 'One more fact' })
    await stories.saveStory(writer, {
      document: edited((await stories.getStory(writer, id)).document, 'A later save.'),
      baseRevision: 1,
    })
    clock.advance(3600)
    await outbox.drain()
    expect(hooksFor(id)).toHaveLength(1)
    expect(JSON.stringify(hooksFor(id))).not.toContain('A later save.')
  })

  it('a push queued before a reopen and a save never carries that save (it stops, and says why)', async () => {
    const id = await approvedStory('Approved words.')
    cms.mode = 'error500'
    const failed = await outbox.push(chief, { id, target: 'webhook' })
    expect(failed.item.state).toBe('failed')
    expect(failed.message).toContain('It will be tried again')
    await stories.transition(chief, { id, action: 'reopen', revision: 1, note: 'Hold it' })
    await stories.saveStory(writer, {
      document: edited((await stories.getStory(writer, id)).document, 'Unapproved words.'),
      baseRevision: 1,
    })
    cms.mode = 'ok'
    clock.advance(10)
    await outbox.drain()
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(item).toMatchObject({ state: 'failed', nextAttemptAt: null, revision: 1 })
    expect(item?.lastError).toContain('reopened')
    expect(hooksFor(id)).toHaveLength(0)
  })

  it("refuses a writer's push, and nothing is queued or sent", async () => {
    const id = await approvedStory('Writer tries.')
    const before = cms.requests
    const error = await refusal(outbox.push(writer, { id, target: 'webhook' }))
    expect(error.code).toBe('FORBIDDEN')
    expect(await outbox.list(chief, { articleId: id, limit: 10 })).toEqual([])
    expect(cms.requests).toBe(before)
    expect((await refusal(outbox.list(writer, { limit: 10 }))).code).toBe('FORBIDDEN')
  })

  it('refuses a story that is not approved', async () => {
    const { document } = await stories.saveStory(writer, { document: draftStory() })
    const error = await refusal(outbox.push(chief, { id: document.id, target: 'webhook' }))
    expect(error.code).toBe('REFUSED')
  })

  it('retries after the CMS was down, with backoff, and makes one post, not two', async () => {
    const id = await approvedStory('Down then up.')
    cms.mode = 'error500'
    const failed = await outbox.push(chief, { id, target: 'wordpress' })
    expect(failed.item).toMatchObject({ state: 'failed', attempts: 1 })
    expect(Date.parse(failed.item.nextAttemptAt ?? '')).toBe(clock.now().getTime() + 5_000)
    expect(await status(id)).toBe('approved')
    cms.mode = 'ok'
    expect(await outbox.drain()).toBe(0)
    clock.advance(5)
    await outbox.drain()
    expect(postsFor(id)).toHaveLength(1)
    expect(postsFor(id)[0]?.status).toBe('publish')
    expect(await status(id)).toBe('published')
    // "Retry now" on a sent push, and a push of the same version: nothing more is sent.
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    await outbox.retry(chief, { id: item?.id ?? '' })
    const again = await outbox.push(chief, { id, target: 'wordpress' })
    expect(again.sent).toBe(false)
    expect(again.message).toContain('already has this version')
    expect(postsFor(id)).toHaveLength(1)
  })

  it('a process killed after claiming: its claim expires and another loop sends the push once', async () => {
    const id = await approvedStory('Claimed then killed.')
    cms.mode = 'error500'
    await outbox.push(chief, { id, target: 'webhook' })
    cms.mode = 'timeout'
    clock.advance(5)
    const dying = outboxOn(desk.db, { timeoutMs: 60_000 })
    const requests = cms.requests
    const hanging = dying.drain()
    await until(() => cms.requests > requests)
    const survivor = outboxOn(desk.other)
    expect(await survivor.drain()).toBe(0)
    const [claimed] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(claimed?.state).toBe('sending')
    const busy = await refusal(outbox.push(chief, { id, target: 'webhook' }))
    expect(busy.details).toMatchObject({ reason: 'sending' })
    clock.advance(61)
    cms.mode = 'ok'
    expect(await survivor.drain()).toBe(1)
    // The dying process's request fails now; what it would write loses to the survivor's result.
    await cms.stop()
    await hanging
    await cms.start()
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(item).toMatchObject({ state: 'sent', lastError: null })
    expect(hooksFor(id)).toHaveLength(1)
    expect(await status(id)).toBe('published')
  })

  it('a sender killed after WordPress made the post but before writing it down: the next finds the post by its mark', async () => {
    const id = await approvedStory('Lost answer.')
    const first = await outbox.push(chief, { id, target: 'wordpress' })
    expect(postsFor(id)).toHaveLength(1)
    // What the database holds when the sender died after the CMS answered: still claimed, no result.
    await desk.db.query(
      `update outbox set state = 'sending', remote_id = null, sent_at = null, remote_status = null,
         claim_token = gen_random_uuid(), claim_expires_at = $2::timestamptz where id = $1`,
      [first.item.id, new Date(clock.now().getTime() + 60_000).toISOString()],
    )
    clock.advance(61)
    expect(await outboxOn(desk.other).drain()).toBe(1)
    expect(postsFor(id)).toHaveLength(1)
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(item).toMatchObject({ state: 'sent', remoteId: first.item.remoteId })
    expect(item?.notices.join(' ')).toContain("carries this story's mark")
  })

  it('two delivery loops on one database never send a push twice', async () => {
    const ids: string[] = []
    for (let n = 0; n < 6; n += 1) ids.push(await approvedStory(`Race ${n}.`))
    cms.mode = 'error500'
    for (const id of ids) await outbox.push(chief, { id, target: 'webhook' })
    cms.mode = 'ok'
    clock.advance(5)
    const from = cms.log.length
    const [a, b] = [outboxOn(desk.db), outboxOn(desk.other)]
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()])
    await a.drain()
    const sent = cms.log.slice(from).filter((line) => line === 'POST /hook')
    expect(sent).toHaveLength(6)
    for (const id of ids) {
      expect(hooksFor(id)).toHaveLength(1)
      const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
      expect(item).toMatchObject({ state: 'sent', attempts: 2 })
    }
  })

  it('a WordPress draft leaves the story approved until the post is published there', async () => {
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'draft',
    })
    const id = await approvedStory('Draft first.')
    const outcome = await outbox.push(chief, { id, target: 'wordpress' })
    expect(outcome.item.remoteStatus).toBe('draft')
    expect(outcome.message).toContain('stays approved until the post is published')
    expect(await status(id)).toBe('approved')
    clock.advance(61)
    await outbox.drain()
    expect(await status(id)).toBe('approved')
    cms.wordpress.publish(Number(outcome.item.remoteId))
    clock.advance(61)
    await outbox.drain()
    expect(await status(id)).toBe('published')
    const checked = await outbox.check(chief, { id: outcome.item.id })
    expect(checked.item.remoteStatus).toBe('publish')
    const audit = await stories.getAudit(chief, id)
    const live = audit.find((entry) => entry.action === 'outbox:live')
    expect(live?.detail).toMatchObject({ remoteStatus: 'publish', remoteId: outcome.item.remoteId })
    const published = audit.find((entry) => entry.action === 'transition:publish')
    expect(published?.actor?.accountId).toBe(chief.accountId)
  })

  it('"Check WordPress now" publishes the story as soon as its draft post is live', async () => {
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'draft',
    })
    const id = await approvedStory('Checked by hand.')
    const outcome = await outbox.push(chief, { id, target: 'wordpress' })
    expect((await outbox.check(chief, { id: outcome.item.id })).item.remoteStatus).toBe('draft')
    expect(await status(id)).toBe('approved')
    cms.wordpress.publish(Number(outcome.item.remoteId))
    const checked = await outbox.check(chief, { id: outcome.item.id })
    expect(checked.message).toContain('live')
    expect(await status(id)).toBe('published')
    expect((await refusal(outbox.check(writer, { id: outcome.item.id }))).code).toBe('FORBIDDEN')
  })

  it('a pusher demoted before the post went live: it still publishes the story, audited as the pusher (review: it never became published)', async () => {
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'draft',
    })
    const id = await approvedStory('Demoted pusher.')
    const former = await signedIn(desk.db, 'Former Chief', 'desk-chief')
    const outcome = await outbox.push(former, { id, target: 'wordpress' })
    await desk.db.query("update accounts set role = 'writer' where id = $1", [former.accountId])
    cms.wordpress.publish(Number(outcome.item.remoteId))
    clock.advance(61)
    await outbox.drain()
    expect(await status(id)).toBe('published')
    const again = await outbox.push(chief, { id, target: 'wordpress' })
    expect(again.sent).toBe(false)
    expect(postsFor(id)).toHaveLength(1)
    const audit = await stories.getAudit(chief, id)
    expect(audit.filter((e) => e.action === 'transition:publish')).toHaveLength(1)
    expect(audit.find((e) => e.action === 'transition:publish')?.actor?.accountId).toBe(
      former.accountId,
    )
  })

  it('a pusher disabled before the CMS confirmed: the story is published, audited as the pusher with the CMS answer (review: it never became published)', async () => {
    const id = await approvedStory('Disabled pusher.')
    const leaving = await signedIn(desk.db, 'Leaving Chief', 'desk-chief')
    cms.mode = 'error500'
    const first = await outbox.push(leaving, { id, target: 'webhook' })
    expect(first.item.state).toBe('failed')
    await desk.db.query('update accounts set disabled_at = now() where id = $1', [
      leaving.accountId,
    ])
    cms.mode = 'ok'
    clock.advance(3600)
    await outbox.drain()
    expect(hooksFor(id)).toHaveLength(1)
    expect(await status(id)).toBe('published')
    const audit = await stories.getAudit(chief, id)
    const published = audit.find((e) => e.action === 'transition:publish')
    expect(published?.actor?.accountId).toBe(leaving.accountId)
    expect(published?.revision).toBe(1)
    expect(JSON.stringify(published?.detail)).toContain('"cms":"Webhook"')
  })

  it('a story published before goes out again only with a correction note, stored verbatim', async () => {
    const id = await approvedStory('First version.')
    await outbox.push(chief, { id, target: 'webhook' })
    await stories.transition(chief, { id, action: 'reopen', revision: 1, note: 'Wrong name' })
    await stories.saveStory(writer, {
      document: edited((await stories.getStory(writer, id)).document, 'Second version.'),
      baseRevision: 1,
    })
    await stories.transition(chief, { id, action: 'approve', revision: 2, note: '' })
    const refused = await refusal(outbox.push(chief, { id, target: 'webhook' }))
    expect(refused.details).toMatchObject({ needsCorrection: true })
    const note = "The mayor's name was wrong'); drop table outbox; --"
    const outcome = await outbox.push(chief, { id, target: 'webhook', correction: note })
    expect(outcome.item).toMatchObject({ state: 'sent', revision: 2, correction: note })
    expect(JSON.stringify(hooksFor(id).at(-1))).toContain('Second version.')
    const story = await stories.getStory(chief, id)
    expect(story.status).toBe('corrected')
    expect(story.document.corrections.at(-1)?.note).toBe(note)
  })

  it('the secret is never in an answer, a log line, the audit trail or the database in the clear', async () => {
    const id = await approvedStory('Secret keeping.')
    cms.mode = 'unauthorized'
    await outbox.push(chief, { id, target: 'wordpress' })
    cms.mode = 'ok'
    const answers = [
      await outbox.listTargets(chief),
      await outbox.setTarget(admin, {
        target: 'webhook',
        url: `${cms.url}/hook`,
        user: '',
        postStatus: 'draft',
        secret: FAKE_TOKEN,
      }),
      await outbox.list(chief, { limit: 500 }),
    ]
    const tables = await Promise.all(
      ['cms_targets', 'outbox', 'audit', 'changes'].map((table) =>
        desk.db.query(`select * from ${table}`),
      ),
    )
    const everything = JSON.stringify([answers, tables, logs])
    expect(everything).not.toContain(FAKE_WP_PASSWORD)
    expect(everything).not.toContain(FAKE_TOKEN)
    expect(JSON.stringify(answers)).toContain('"hasSecret":true')
  })

  it('a server with another key cannot open the secrets, and says so instead of pushing', async () => {
    const id = await approvedStory('Other key.')
    const stranger = outboxOn(desk.db, { secrets: SecretBox.fromKey(randomBytes(32)) })
    const before = cms.requests
    const error = await refusal(stranger.push(chief, { id, target: 'wordpress' }))
    expect(error.message).toContain("does not open with this server's key")
    expect(cms.requests).toBe(before)
  })

  it('a target pointed at another origin never gets the old secret', async () => {
    const id = await approvedStory('Moved target.')
    const elsewhere = cms.url.replace('127.0.0.1', 'localhost')
    const moved = await outbox.setTarget(admin, {
      target: 'wordpress',
      url: elsewhere,
      user: FAKE_WP_USER,
      postStatus: 'publish',
    })
    expect(moved.secretCleared).toBe(true)
    expect(moved.target.hasSecret).toBe(false)
    const before = cms.requests
    expect((await refusal(outbox.push(chief, { id, target: 'wordpress' }))).message).toContain(
      'application password',
    )
    // A row whose URL changed behind the server's back (another version, a hand edit) is refused too.
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'publish',
      secret: FAKE_WP_PASSWORD,
    })
    await desk.db.query("update cms_targets set url = $1 where target = 'wordpress'", [elsewhere])
    expect((await refusal(outbox.push(chief, { id, target: 'wordpress' }))).message).toContain(
      'never sent to another address',
    )
    expect(cms.requests).toBe(before)
  })

  it('keeps SQL metacharacters in a target verbatim, and refuses addresses that are not http(s)', async () => {
    const url = `${cms.url}/hook?feed=news';drop table outbox;--`
    const user = `desk'); delete from accounts; --`
    const accounts = await desk.db.query('select count(*)::int as n from accounts')
    await outbox.setTarget(admin, { target: 'webhook', url, user: '', postStatus: 'draft' })
    await outbox.setTarget(admin, { target: 'wordpress', url: cms.url, user, postStatus: 'draft' })
    const targets = await outbox.listTargets(chief)
    expect(targets.find((t) => t.target === 'webhook')?.url).toBe(url)
    expect(targets.find((t) => t.target === 'wordpress')?.user).toBe(user)
    expect(await desk.db.query('select count(*)::int as n from accounts')).toEqual(accounts)
    expect(await outbox.list(chief, { limit: 1 })).toHaveLength(1)
    for (const bad of ['javascript:alert(1)', 'ftp://cms.example/hook', 'https://u:p@cms.example/'])
      expect(
        (
          await refusal(
            outbox.setTarget(admin, { target: 'webhook', url: bad, user: '', postStatus: 'draft' }),
          )
        ).code,
      ).toBe('INVALID_INPUT')
    expect(
      (
        await refusal(
          outbox.setTarget(chief, { target: 'webhook', url, user: '', postStatus: 'draft' }),
        )
      ).code,
    ).toBe('FORBIDDEN')
  })

  it('the delivery loop, once started, sends a push that failed when it comes due, until stopped', async () => {
    const id = await approvedStory('Loop.')
    cms.mode = 'error500'
    await outbox.push(chief, { id, target: 'webhook' })
    cms.mode = 'ok'
    const loop = new ServerOutbox(desk.db, stories, clock, {
      secrets: box,
      claimSeconds: 60,
      pollSeconds: 0.02,
      log: () => undefined,
    })
    loop.start()
    clock.advance(5)
    await until(() => hooksFor(id).length > 0)
    await loop.stop()
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(item).toMatchObject({ state: 'sent', attempts: 2 })
    expect(await status(id)).toBe('published')
  })

  it('a CMS echoing the credentials in its error page gets them into no last error, answer or log line', async () => {
    const echo = createServer((req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' })
      res.end(`Bad request from ${req.headers.authorization ?? 'nobody'}`)
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    const address = echo.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    const base = `http://127.0.0.1:${address.port}`
    const [token, password] = ['echoed-token-1234', 'echoed pass word']
    await outbox.setTarget(admin, {
      target: 'webhook',
      url: `${base}/hook`,
      user: '',
      postStatus: 'draft',
      secret: token,
    })
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: base,
      user: 'desk',
      postStatus: 'publish',
      secret: password,
    })
    const id = await approvedStory('Echo.')
    const hook = await outbox.push(chief, { id, target: 'webhook' })
    const wordpress = await outbox.push(chief, { id, target: 'wordpress' })
    echo.close()
    expect(hook.item.lastError).toContain('[secret withheld]')
    const everything = JSON.stringify([
      hook,
      wordpress,
      await outbox.list(chief, { limit: 500 }),
      await desk.db.query('select * from outbox'),
      logs,
    ])
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(password)
    expect(everything).not.toContain(Buffer.from(`desk:${password}`).toString('base64'))
  })

  it('a failed push retried after another revision was approved sends nothing and says why (review: it sent the later revision, published, crediting the pusher)', async () => {
    const id = await approvedStory('The first approved text.')
    cms.mode = 'error500'
    const first = await outbox.push(chief, { id, target: 'webhook' })
    expect(first.item).toMatchObject({ state: 'failed', revision: 1 })
    const headline = first.item.headline
    const chiefB = await signedIn(desk.db, 'Bea Second', 'desk-chief')
    await stories.transition(chiefB, { id, action: 'reopen', revision: 1, note: 'Typo' })
    const saved = await stories.saveStory(writer, {
      document: edited(
        (await stories.getStory(writer, id)).document,
        'A later text nobody pushed.',
      ),
      baseRevision: 1,
    })
    await stories.transition(chiefB, { id, action: 'approve', revision: saved.revision, note: '' })
    cms.mode = 'ok'
    clock.advance(3600)
    await outbox.drain()
    expect(hooksFor(id)).toHaveLength(0)
    expect(await status(id)).toBe('approved')
    const [item] = await outbox.list(chief, { articleId: id, limit: 10 })
    expect(item).toMatchObject({ state: 'failed', revision: 1, headline, nextAttemptAt: null })
    expect(item?.lastError).toBe(
      `Revision ${saved.revision} was approved after this push was queued: push it again to send it`,
    )
    clock.advance(3600)
    await outbox.drain()
    expect(hooksFor(id)).toHaveLength(0)
    // Pushed again, as the message says: the later revision goes out, as the chief who pushed it.
    const again = await outbox.push(chiefB, { id, target: 'webhook' })
    expect(again.item).toMatchObject({
      state: 'sent',
      revision: saved.revision,
      pushedBy: { accountId: chiefB.accountId },
    })
    expect(JSON.stringify(hooksFor(id))).toContain('A later text nobody pushed.')
  })

  it('a push attempt that fails tells the change feed, so workstations hear of it (review: no change was recorded)', async () => {
    const id = await approvedStory('Feed hears of failures.')
    const changes = async () =>
      desk.db.query(
        `select kind, article_id, revision, actor_id from changes
         where article_id = $1 and kind = 'outbox_changed' order by seq`,
        [id],
      )
    cms.mode = 'error500'
    await outbox.push(chief, { id, target: 'webhook' })
    // queued, then the failed attempt
    expect(await changes()).toEqual([
      { kind: 'outbox_changed', article_id: id, revision: 1, actor_id: chief.accountId },
      { kind: 'outbox_changed', article_id: id, revision: 1, actor_id: chief.accountId },
    ])
    clock.advance(3600)
    await outbox.drain()
    expect(await changes()).toHaveLength(3)
    const [item] = await outbox.list(chief, { articleId: id, limit: 1 })
    expect(item).toMatchObject({ state: 'failed', attempts: 2 })
  })

  it('a desk admin clears a target; pushes to it are then refused', async () => {
    expect(await outbox.clearTarget(admin, { target: 'webhook' })).toBe(true)
    expect(await outbox.clearTarget(admin, { target: 'webhook' })).toBe(false)
    const id = await approvedStory('No target.')
    const refused = await refusal(outbox.push(chief, { id, target: 'webhook' }))
    // Not the workstation's "No webhook URL is set in Desk settings": the pusher's Desk settings play no part.
    expect(refused.message).toBe(
      "This desk has no webhook to push to: a desk admin must set it on the desk server (setCmsTarget), with the webhook's URL (and its token if it needs one), before stories can be pushed to it.",
    )
    expect(refused.details).toEqual({ reason: 'target' })
    expect(hooksFor(id)).toHaveLength(0)
  })

  it('a WordPress target without its application password is refused naming what the desk admin must set (not "in Desk settings")', async () => {
    await outbox.setTarget(admin, {
      target: 'wordpress',
      url: cms.url,
      user: FAKE_WP_USER,
      postStatus: 'publish',
      secret: '',
    })
    const id = await approvedStory('No password.')
    const refused = await refusal(outbox.push(chief, { id, target: 'wordpress' }))
    expect(refused.message).toBe(
      `The desk's WordPress target has no application password: a desk admin must set it on the desk server (setCmsTarget), with the password of ${FAKE_WP_USER}, before stories can be pushed to it.`,
    )
    expect(postsFor(id)).toHaveLength(0)
  })
})
