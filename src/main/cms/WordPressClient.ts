import { toWordPressBlocks } from '../../shared/export/toWordPressBlocks'
import { PushError, send, type CmsClient, type PushRequest, type PushResult } from './CmsClient'

export type WordPressConfig = {
  siteUrl: string
  user: string
  password: string
  status: 'draft' | 'pending' | 'publish'
  timeoutMs?: number
}

/**
 * The WordPress REST API with an application password: creates the post on the first push and
 * updates the same post afterwards. A post whose create was confirmed but not recorded (a crash in
 * between) is found again by its slug, so a push never makes a second post.
 */
export class WordPressClient implements CmsClient {
  readonly name = 'WordPress'

  constructor(private readonly config: WordPressConfig) {}

  async push(request: PushRequest): Promise<PushResult> {
    const { publication } = request
    const remoteId = request.remoteId ?? (await this.findBySlug(request.slug))
    const post = {
      title: publication.headline,
      excerpt: publication.summary,
      content: toWordPressBlocks(publication),
      status: this.config.status,
      slug: request.slug,
      tags: await this.tagIds(publication.tags),
    }
    const path = remoteId ? `/posts/${encodeURIComponent(remoteId)}` : '/posts'
    const response = await send(
      this.api(path),
      { method: 'POST', headers: this.headers(), body: JSON.stringify(post) },
      'WordPress',
      this.config.timeoutMs,
    )
    const body: unknown = await response.json().catch(() => null)
    const id = body && typeof body === 'object' && 'id' in body ? String(body.id) : remoteId
    if (!id) throw new PushError('WordPress did not return a post id', true)
    return { remoteId: id, status: response.status }
  }

  private async findBySlug(slug: string): Promise<string | null> {
    const response = await send(
      this.api(`/posts?slug=${encodeURIComponent(slug)}&status=any&context=edit`),
      { headers: this.headers() },
      'WordPress',
      this.config.timeoutMs,
    )
    const posts: unknown = await response.json().catch(() => [])
    const first: unknown = Array.isArray(posts) ? posts[0] : undefined
    return first && typeof first === 'object' && 'id' in first ? String(first.id) : null
  }

  private async tagIds(tags: string[]): Promise<number[]> {
    const ids: number[] = []
    for (const name of tags) {
      const found = await send(
        this.api(`/tags?search=${encodeURIComponent(name)}`),
        { headers: this.headers() },
        'WordPress',
        this.config.timeoutMs,
      )
      const list: unknown = await found.json().catch(() => [])
      const match = Array.isArray(list)
        ? list.find(
            (t: unknown) =>
              t &&
              typeof t === 'object' &&
              'name' in t &&
              String(t.name).toLowerCase() === name.toLowerCase(),
          )
        : undefined
      if (match && typeof match === 'object' && 'id' in match) {
        ids.push(Number(match.id))
        continue
      }
      const created = await send(
        this.api('/tags'),
        { method: 'POST', headers: this.headers(), body: JSON.stringify({ name }) },
        'WordPress',
        this.config.timeoutMs,
      )
      const tag: unknown = await created.json().catch(() => null)
      if (tag && typeof tag === 'object' && 'id' in tag) ids.push(Number(tag.id))
    }
    return ids
  }

  private api(path: string): string {
    return `${this.config.siteUrl.replace(/\/+$/, '')}/wp-json/wp/v2${path}`
  }

  private headers(): Record<string, string> {
    const basic = Buffer.from(`${this.config.user}:${this.config.password}`).toString('base64')
    return { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' }
  }
}
