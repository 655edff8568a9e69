import { toWordPressBlocks, type WordPressLayout } from '../../shared/export/toWordPressBlocks'
import { wordPressExcerpt } from '../../shared/export/wordPressExcerpt'
import {
  fetchWithTimeout,
  PushError,
  type CmsClient,
  type PushRequest,
  type PushResult,
  type RemoteState,
} from './CmsClient'
import { decodeEntities } from './decodeEntities'
import { wordPressError } from './wordPressError'
import { ownerMark, readOwner, sameOwner, type PostOwner } from './wordPressOwnerMark'

export type WordPressConfig = {
  siteUrl: string
  user: string
  password: string
  status: 'draft' | 'pending' | 'publish'
  /** This data folder's id: it goes into the owner mark, so two desks never take each other's posts. */
  deskId: string
  layout: Omit<WordPressLayout, 'corrections'>
  /** The desk's summary limit, which the excerpt keeps to. */
  summaryLimit: number
  timeoutMs?: number
}

/** A post as the REST API returns it with context=edit (the fields Copydesk reads). */
type Post = { id: string; status: string; slug: string; link: string | null; raw: string }

/** Statuses in which readers can (or soon will) see a post: an update never takes it back to draft. */
const LIVE = ['publish', 'future', 'private']

/**
 * The WordPress REST API with an application password. A post belongs to one story: Copydesk marks
 * it (an HTML comment with the article and desk ids, see wordPressOwnerMark) and updates a post only
 * when it is the one remembered for this story, or when its mark proves it is this story's (a push
 * whose confirmation was lost). Anything else gets a new post, and the desk is told why.
 */
export class WordPressClient implements CmsClient {
  readonly name = 'WordPress'
  readonly fingerprint: string

  constructor(private readonly config: WordPressConfig) {
    const { status, layout, summaryLimit } = config
    this.fingerprint = JSON.stringify({ status, layout, summaryLimit })
  }

  async push(request: PushRequest): Promise<PushResult> {
    const owner = { articleId: request.articleId, deskId: this.config.deskId }
    const notices: string[] = []
    let target = request.remoteId ? await this.remembered(request.remoteId, owner, notices) : null
    if (!target) {
      target = await this.findOwn(owner)
      if (target)
        notices.push(
          `WordPress post ${target.id} carries this story's mark (its earlier confirmation was lost): it was updated.`,
        )
    }
    const clash = target ? [] : await this.othersWithSlug(request.slug, owner)
    const { publication } = request
    const excerpt = wordPressExcerpt(publication, {
      deck: this.config.layout.deck,
      limit: this.config.summaryLimit,
    })
    if (excerpt.shortened)
      notices.push(
        `The excerpt was shortened to the desk's summary limit (${this.config.summaryLimit} characters) and ends with "…".`,
      )
    const content = toWordPressBlocks(publication, {
      ...this.config.layout,
      corrections: request.corrections,
    })
    const post = {
      title: publication.headline,
      excerpt: excerpt.text,
      content: `${ownerMark(owner)}\n\n${content}`,
      slug: target ? undefined : request.slug,
      // A correction to a live post must not take it off the site.
      status: target && LIVE.includes(target.status) ? undefined : this.config.status,
      tags: await this.tagIds(publication.tags),
    }
    const saved = toPost(
      await this.request(target ? `/posts/${target.id}` : '/posts', {
        method: 'POST',
        body: JSON.stringify(post),
      }),
    )
    if (!saved) throw new PushError('WordPress did not return the post it saved', true)
    if (clash.length > 0) {
      const others = clash.map((p) => `post ${p.id}`).join(', ')
      const slug = saved.slug && saved.slug !== request.slug ? ` (its slug is "${saved.slug}")` : ''
      notices.push(
        `WordPress already has a post with the slug "${request.slug}" that is not this story (${others}): this story went to a new post ${saved.id}${slug}.`,
      )
    } else if (saved.slug && saved.slug !== request.slug && !target) {
      notices.push(
        `WordPress gave the post the slug "${saved.slug}" (asked for "${request.slug}").`,
      )
    }
    return {
      remoteId: saved.id,
      status: 200,
      remoteStatus: saved.status,
      slug: saved.slug,
      link: saved.link,
      notices,
    }
  }

  async check(remoteId: string): Promise<RemoteState | null> {
    const post = await this.read(remoteId)
    return post && { remoteStatus: post.status, slug: post.slug, link: post.link }
  }

  /** Signs in as the configured user: their display name, and whether they may publish. */
  async whoAmI(): Promise<{ name: string; canPublish: boolean }> {
    const me = await this.request('/users/me?context=edit')
    const name = isRecord(me) && typeof me['name'] === 'string' ? me['name'] : this.config.user
    const caps = isRecord(me) && isRecord(me['capabilities']) ? me['capabilities'] : {}
    return { name, canPublish: caps['publish_posts'] === true }
  }

  /** The remembered post, unless it is gone, in the trash, or now carries another story's mark. */
  private async remembered(id: string, owner: PostOwner, notices: string[]): Promise<Post | null> {
    const post = await this.read(id)
    if (!post) {
      notices.push(`WordPress post ${id} no longer exists: this story went to a new post.`)
      return null
    }
    if (post.status === 'trash')
      throw new PushError(
        `WordPress post ${id} (this story) is in the trash: restore it in WordPress and Retry, or delete it permanently and Retry to make a new post`,
        false,
      )
    const mark = readOwner(post.raw)
    if (mark && !sameOwner(mark, owner)) {
      notices.push(
        `WordPress post ${id} now carries another story's mark (article ${mark.articleId}): it was left alone and this story went to a new post.`,
      )
      return null
    }
    return post
  }

  /** A post carrying this story's mark (made by a push whose confirmation was lost). */
  private async findOwn(owner: PostOwner): Promise<Post | null> {
    const found = await this.request(
      `/posts?search=${encodeURIComponent(owner.articleId)}&status=any&context=edit&per_page=100`,
    )
    const posts = Array.isArray(found) ? found.map(toPost) : []
    return posts.find((post) => post && sameOwner(readOwner(post.raw), owner)) ?? null
  }

  private async othersWithSlug(slug: string, owner: PostOwner): Promise<Post[]> {
    const found = await this.request(
      `/posts?slug=${encodeURIComponent(slug)}&status=any&context=edit&per_page=100`,
    )
    const posts = Array.isArray(found) ? found.map(toPost) : []
    return posts.filter(
      (post): post is Post => post !== null && !sameOwner(readOwner(post.raw), owner),
    )
  }

  private async read(id: string): Promise<Post | null> {
    try {
      return toPost(await this.request(`/posts/${encodeURIComponent(id)}?context=edit`))
    } catch (error) {
      if (error instanceof NotFound) return null
      throw error
    }
  }

  /**
   * Tag ids by name. WordPress stores "&" in a term name as "&amp;", and its search does not find a
   * name written plainly, so names are compared after decoding entities; a tag that exists all the
   * same comes back from the create as HTTP 400 term_exists carrying its id, which is used.
   */
  private async tagIds(tags: string[]): Promise<number[]> {
    const ids: number[] = []
    for (const name of tags) {
      const found = await this.request(`/tags?search=${encodeURIComponent(name)}&per_page=100`)
      const wanted = name.trim().toLowerCase()
      const match = Array.isArray(found)
        ? found.find(
            (tag) =>
              isRecord(tag) && decodeEntities(String(tag['name'])).trim().toLowerCase() === wanted,
          )
        : undefined
      if (isRecord(match) && typeof match['id'] === 'number') {
        ids.push(match['id'])
        continue
      }
      const created = await this.request('/tags', {
        method: 'POST',
        body: JSON.stringify({ name }),
        acceptTermExists: true,
      })
      if (isRecord(created) && typeof created['id'] === 'number') ids.push(created['id'])
    }
    return ids
  }

  /** One REST call; the parsed answer, or a PushError naming the cause. */
  private async request(
    path: string,
    init: { method?: string; body?: string; acceptTermExists?: boolean } = {},
  ): Promise<unknown> {
    const url = `${this.config.siteUrl.replace(/\/+$/, '')}/wp-json/wp/v2${path}`
    const response = await fetchWithTimeout(
      url,
      { method: init.method ?? 'GET', headers: this.headers(), body: init.body },
      'WordPress',
      this.config.timeoutMs,
    )
    if (response.status >= 300 && response.status < 400)
      throw new PushError(
        `WordPress answered with a redirect (HTTP ${response.status}) to ${response.headers.get('location') ?? 'another address'}; put the site's final address in Desk settings`,
        false,
      )
    const body: unknown = await response.json().catch(() => undefined)
    if (response.ok && body !== undefined) return body
    const code = isRecord(body) ? body['code'] : undefined
    if (init.acceptTermExists && code === 'term_exists' && isRecord(body) && isRecord(body['data']))
      return { id: Number(body['data']['term_id']) }
    if (response.status === 404 && code === 'rest_post_invalid_id') throw new NotFound()
    throw wordPressError(response.status, body, this.config.siteUrl)
  }

  private headers(): Record<string, string> {
    const basic = Buffer.from(`${this.config.user}:${this.config.password}`).toString('base64')
    return { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' }
  }
}

class NotFound extends Error {}

function toPost(value: unknown): Post | null {
  if (!isRecord(value) || value['id'] === undefined) return null
  const content = isRecord(value['content']) ? value['content'] : {}
  return {
    id: String(value['id']),
    status: typeof value['status'] === 'string' ? value['status'] : '',
    slug: typeof value['slug'] === 'string' ? value['slug'] : '',
    link: typeof value['link'] === 'string' ? value['link'] : null,
    raw: typeof content['raw'] === 'string' ? content['raw'] : '',
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
