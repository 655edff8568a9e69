import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { FAKE_TOKEN, FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../testing/fakeCms'
import { tempDir } from '../testing/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let cms: FakeCms
let clock = Date.parse('2026-01-23T09:00:00.000Z')

const open = () =>
  openWorkstation({
    dataDir: join(dir.path, 'data'),
    host: 'web',
    version: 'test',
    now: () => new Date(clock).toISOString(),
    cmsTimeoutMs: 300,
  })
const call = async (method: string, input: unknown) => {
  const result = await ws.dispatch(method, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
  return result.value
}
type Item = {
  id: string
  state: string
  attempts: number
  lastError: string | null
  nextAttemptAt: string | null
  remoteId: string | null
}

beforeEach(async () => {
  dir = await tempDir()
  cms = await new FakeCms().start()
  ws = await open()
  const settings = (await call('getSettings', {})) as Record<string, unknown>
  await call('saveSettings', {
    ...settings,
    webhookUrl: `${cms.url}/hook`,
    wordpressUrl: cms.url,
    wordpressUser: FAKE_WP_USER,
    wordpressStatus: 'pending',
  })
  await call('setSecret', { name: 'webhookToken', value: FAKE_TOKEN })
  await call('setSecret', { name: 'wordpressPassword', value: FAKE_WP_PASSWORD })
})
afterEach(async () => {
  await ws.close()
  await cms.stop()
  await dir.cleanup()
})

async function approvedStory(headline = 'Quad ministers meet'): Promise<string> {
  await call('setProfile', { name: 'Asha Rao', role: 'writer' })
  const { id } = (await call('createArticle', {
    fields: {
      headline,
      dateline: { place: 'Tokyo', date: '2026-01-23' },
      credit: 'IANS',
      tags: ['Diplomacy', 'Quad'],
      keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Ministers met.' }] },
          {
            type: 'pullQuote',
            content: [
              { type: 'pullQuoteText', content: [{ type: 'text', text: 'We agree.' }] },
              { type: 'pullQuoteAttribution', content: [{ type: 'text', text: 'A minister' }] },
            ],
          },
        ],
      },
    },
  })) as { id: string }
  await call('transition', { id, action: 'submit' })
  await call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await call('transition', { id, action: 'approve' })
  return id
}

describe('the outbox', () => {
  it('keeps a push made while the CMS is down, retries with backoff, and publishes once the CMS confirms', async () => {
    const id = await approvedStory()
    await cms.stop()
    const first = (await call('pushArticle', { id, target: 'webhook' })) as Item
    expect(first).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/not reachable: ECONNREFUSED/),
    })
    expect(Date.parse(first.nextAttemptAt ?? '') - clock).toBe(5_000)
    await ws.outbox.processDue()
    expect(((await call('listOutbox', { articleId: id })) as Item[])[0]?.attempts).toBe(1)
    expect(await call('getArticle', { id })).toMatchObject({ status: 'approved' })

    await cms.start()
    clock += 5_000
    await ws.outbox.processDue()
    expect(((await call('listOutbox', { articleId: id })) as Item[])[0]).toMatchObject({
      state: 'sent',
      attempts: 2,
    })
    expect(cms.hooks.size).toBe(1)
    expect(await call('getArticle', { id })).toMatchObject({ status: 'published' })
    const audit = (await call('getAudit', { id })) as {
      action: string
      by: string
      note?: string
    }[]
    expect(audit.at(-1)).toMatchObject({
      action: 'transition:publish',
      by: 'Vikram Desk',
      note: 'Confirmed by Webhook',
    })
  })

  it('survives a restart: a queued push is still there and goes out when the CMS is back', async () => {
    const id = await approvedStory()
    await cms.stop()
    await call('pushArticle', { id, target: 'wordpress' })
    await ws.close()
    ws = await open()
    expect(((await call('listOutbox', {})) as Item[])[0]).toMatchObject({ state: 'failed' })
    await cms.start()
    const retried = (await call('retryPush', {
      id: ((await call('listOutbox', {})) as Item[])[0]?.id,
    })) as Item
    expect(retried).toMatchObject({ state: 'sent' })
    expect(cms.posts.size).toBe(1)
  })

  it('WordPress: creates the post with block markup, then updates the same post; never two posts', async () => {
    const id = await approvedStory()
    const sent = (await call('pushArticle', { id, target: 'wordpress' })) as Item
    expect(sent).toMatchObject({ state: 'sent', remoteId: expect.stringMatching(/^\d+$/) })
    const post = cms.posts.get(Number(sent.remoteId))
    expect(post).toMatchObject({
      title: 'Quad ministers meet',
      status: 'pending',
      slug: 'quad-ministers-meet',
    })
    expect(post?.content).toContain('<!-- wp:pullquote -->')
    expect(post?.content).toContain('<cite>A minister</cite>')
    expect(post?.content).toContain('<!-- wp:list -->')
    expect(post?.tags).toHaveLength(2)

    await call('transition', { id, action: 'reopen', note: 'New detail' })
    await call('setProfile', { name: 'Asha Rao', role: 'writer' })
    const article = (await call('getArticle', { id })) as { revision: number }
    await call('saveArticle', {
      id,
      baseRevision: article.revision,
      changes: { headline: 'Quad ministers meet again' },
    })
    await call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
    await call('transition', { id, action: 'approve' })
    const again = (await call('pushArticle', { id, target: 'wordpress' })) as Item
    expect(again.remoteId).toBe(sent.remoteId)
    expect(cms.posts.size).toBe(1)
    expect(cms.posts.get(Number(sent.remoteId))?.title).toBe('Quad ministers meet again')
    expect(await call('getArticle', { id })).toMatchObject({ status: 'corrected' })
  })

  it('finds a post created before a crash by its slug instead of making a second one', async () => {
    const id = await approvedStory('Lost confirmation')
    cms.posts.set(7, {
      id: 7,
      title: 'Lost confirmation',
      excerpt: '',
      content: '',
      status: 'pending',
      slug: 'lost-confirmation',
      tags: [],
    })
    const sent = (await call('pushArticle', { id, target: 'wordpress' })) as Item
    expect(sent.remoteId).toBe('7')
    expect(cms.posts.size).toBe(1)
  })

  it('pushing twice keeps one outbox item and one delivery per revision', async () => {
    const id = await approvedStory()
    await call('pushArticle', { id, target: 'webhook' })
    await call('pushArticle', { id, target: 'webhook' })
    expect(cms.hooks.size).toBe(1)
    expect((await call('listOutbox', {})) as Item[]).toHaveLength(1)
  })

  it.each([
    ['error500', /HTTP 500; it will be tried again/, true],
    ['timeout', /no answer within 0.3 s/, true],
    ['unauthorized', /refused the credentials \(HTTP 401\)/, false],
  ] as const)(
    'on %s: fails with the reason, retrying only when it can help',
    async (mode, reason, retries) => {
      const id = await approvedStory()
      cms.mode = mode
      const item = (await call('pushArticle', { id, target: 'webhook' })) as Item
      expect(item).toMatchObject({ state: 'failed', lastError: expect.stringMatching(reason) })
      expect(item.nextAttemptAt !== null).toBe(retries)
      expect(await call('getArticle', { id })).toMatchObject({ status: 'approved' })
    },
  )

  it('refuses drafts, writers and unconfigured targets', async () => {
    await call('setProfile', { name: 'Asha Rao', role: 'writer' })
    const { id } = (await call('createArticle', { fields: { headline: 'Draft' } })) as {
      id: string
    }
    await expect(call('pushArticle', { id, target: 'webhook' })).rejects.toMatchObject({
      message: /for a desk chief/,
    })
    await call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
    await expect(call('pushArticle', { id, target: 'webhook' })).rejects.toMatchObject({
      code: 'REFUSED',
    })
    await call('setSecret', { name: 'wordpressPassword', value: '' })
    const approved = await approvedStory()
    await expect(call('pushArticle', { id: approved, target: 'wordpress' })).rejects.toMatchObject({
      message: /application password/,
    })
  })

  it('keeps secrets out of the settings, the article store and the answers', async () => {
    const status = await call('getSecretStatus', {})
    expect(status).toEqual({
      webhookToken: true,
      wordpressPassword: true,
      protection: 'file-permissions',
    })
    expect(JSON.stringify(await call('getSettings', {}))).not.toContain(FAKE_TOKEN)
  })
})
