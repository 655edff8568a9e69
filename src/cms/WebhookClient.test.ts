import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FAKE_TOKEN, FakeCms } from '../../tests/support/fakeCms'
import { toPublication } from '../shared/export/toPublication'
import { newArticle } from '../shared/domain/newArticle'
import { PushError } from './CmsClient'
import { WebhookClient } from './WebhookClient'

let cms: FakeCms
beforeEach(async () => {
  cms = await new FakeCms().start()
})
afterEach(() => cms.stop())

const article = newArticle({ id: 'a1', author: 'Asha Rao', now: '2026-01-23T09:00:00.000Z' })

/** A push whose document is about `megabytes` large, as 20 big pictures in base64 make it. */
const request = (megabytes: number) => ({
  articleId: 'a1',
  revision: 1,
  contentKey: 'k1',
  slug: 'a1',
  document: { pictures: 'A'.repeat(megabytes * 1_000_000) },
  publication: toPublication(article),
  corrections: [],
  remoteId: null,
  lastSlug: null,
})

describe('WebhookClient: large documents', () => {
  it('sends a 30 MB document whole (20 large pictures in base64)', async () => {
    const client = new WebhookClient(`${cms.url}/hook`, FAKE_TOKEN, 30_000)
    expect(await client.push(request(30))).toMatchObject({ status: 201 })
    const [received] = [...cms.hooks.values()]
    expect(JSON.stringify(received).length).toBeGreaterThan(30_000_000)
  })

  it('a receiver that refuses the size (HTTP 413) is said with the size and what to change, not retried', async () => {
    cms.hookLimitBytes = 10_000_000
    const client = new WebhookClient(`${cms.url}/hook`, FAKE_TOKEN, 30_000)
    const failure = await client.push(request(12)).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(PushError)
    expect(failure).toMatchObject({
      retry: false,
      message: expect.stringMatching(
        /^The webhook refused the story as too large \(HTTP 413\): it was 12\.0 MB with its pictures base64-encoded\./,
      ),
    })
    const links = new WebhookClient(`${cms.url}/hook`, FAKE_TOKEN, 30_000, 'links')
    await expect(links.push(request(12))).rejects.toThrow(
      /it was 12\.0 MB\. Raise the receiver's request body limit/,
    )
    expect(cms.hooks.size).toBe(0)
  })
})
