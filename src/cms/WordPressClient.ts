import { toWordPressBlocks, type WordPressLayout } from '../shared/export/toWordPressBlocks'
import { wordPressExcerpt } from '../shared/export/wordPressExcerpt'
import {
  PushError,
  type CheckedPost,
  type CmsClient,
  type PushRequest,
  type PushResult,
} from './CmsClient'
import { siteKey } from './siteKey'
import { polylangLanguage } from './wordPressLanguage'
import { ownerMark, readOwner, sameOwner, type PostOwner } from './wordPressOwnerMark'
import { findOwnPost, othersWithSlug, readPost, toPost, type Post } from './wordPressPosts'
import { PostNotFound, WordPressRest, type WordPressSite } from './WordPressRest'
import { decodeSlug, isSameSlug, isSuffixedSlug } from './wordPressSlug'
import { uploadPictures } from './wordPressMedia'
import { wordPressTagIds } from './wordPressTags'

export type WordPressConfig = WordPressSite & {
  status: 'draft' | 'pending' | 'publish'
  /** This data folder's id: it goes into the owner mark, so two desks never take each other's posts. */
  deskId: string
  layout: Omit<WordPressLayout, 'corrections' | 'language'>
  /** The desk's summary limit, which the excerpt keeps to. */
  summaryLimit: number
  /** The desk's language (BCP 47), for stories that do not name their own. */
  language: string
}

/** Statuses in which readers can (or soon will) see a post: an update never takes it back. */
const LIVE = ['publish', 'future', 'private']
/** How far along a post is: an update moves it forward only (draft → pending → publish). */
const RANK: Record<string, number> = { draft: 0, 'auto-draft': 0, pending: 1, publish: 2 }

/**
 * The WordPress REST API with an application password. A post belongs to one story: Copydesk marks
 * it (an HTML comment with the article and desk ids, see wordPressOwnerMark) and updates a post only
 * when it carries that mark: the post remembered for this story on this site, or one found by its
 * mark (a push whose confirmation was lost). A remembered post without the mark is not touched.
 * Anything else gets a new post, and the desk is told why.
 */
export class WordPressClient implements CmsClient {
  readonly name = 'WordPress'
  readonly fingerprint: string
  readonly site: string
  readonly takesPictures = true
  private readonly rest: WordPressRest

  constructor(private readonly config: WordPressConfig) {
    const { status, layout, summaryLimit, language } = config
    this.fingerprint = JSON.stringify({ status, layout, summaryLimit, language })
    this.site = siteKey(config.siteUrl)
    this.rest = new WordPressRest(config)
  }

  async push(request: PushRequest): Promise<PushResult> {
    const owner = { articleId: request.articleId, deskId: this.config.deskId }
    const notices: string[] = []
    let target = request.remoteId ? await this.remembered(request.remoteId, owner, notices) : null
    if (!target) {
      target = await findOwnPost(this.rest, owner)
      if (target)
        notices.push(
          `WordPress post ${target.id} carries this story's mark (its earlier confirmation was lost): it was updated.`,
        )
    }
    const wanted = request.slug.toLowerCase()
    const clash = target ? [] : await othersWithSlug(this.rest, wanted, owner)
    const { publication } = request
    const language = publication.language || this.config.language
    const excerpt = wordPressExcerpt(publication, {
      deck: this.config.layout.deck,
      limit: this.config.summaryLimit,
    })
    if (excerpt.shortened)
      notices.push(
        `The excerpt was shortened to the desk's summary limit (${this.config.summaryLimit} characters) and ends with "…".`,
      )
    // Pictures first: a post never refers to a file the site does not have.
    const media = await uploadPictures(
      this.rest,
      this.site,
      publication,
      request.pictures ?? [],
      request.media,
    )
    // The page's language is the site's (the desk's, as configured): only a story in another
    // language marks its text (WCAG's language of parts).
    const content = toWordPressBlocks(publication, {
      ...this.config.layout,
      corrections: request.corrections,
      language: sameLanguage(language, this.config.language) ? '' : language,
      media,
    })
    const post: Record<string, unknown> = {
      title: publication.headline,
      excerpt: excerpt.text,
      content: `${ownerMark(owner)}\n\n${content}`,
      tags: await wordPressTagIds(this.rest, publication.tags),
    }
    const lead = publication.leadPicture ? media.get(publication.leadPicture.mediaId) : undefined
    // 0 takes a lead picture the desk removed off the post (WordPress deletes the thumbnail).
    post['featured_media'] = lead?.id ?? 0
    const schedule = request.schedule ?? null
    if (schedule && target?.status !== 'publish') {
      // WordPress publishes a 'future' post itself at date_gmt (from WP-Cron), and turns a date
      // under a minute ahead into publish at once (wp_insert_post): the outbox sends it accordingly.
      post['status'] = schedule.status
      post['date_gmt'] = schedule.at.slice(0, 19)
    } else if (!schedule && target?.status === 'future') {
      // Unscheduled after it was sent: the post goes back to what the desk sends, not live on its own.
      post['status'] = this.config.status === 'publish' ? 'draft' : this.config.status
    } else {
      const status = nextStatus(target?.status ?? null, this.config.status)
      if (status) post['status'] = status
    }
    if (!target) post['slug'] = wanted
    else if (!isSameSlug(target.slug, wanted)) {
      const now = decodeSlug(target.slug)
      if (LIVE.includes(target.status))
        notices.push(
          `The story's slug is now "${wanted}", but WordPress post ${target.id} is live at "${now}": its address was kept (change it in WordPress to move it; links to the old address would break).`,
        )
      else if (request.lastSlug !== null && now !== request.lastSlug)
        notices.push(
          `WordPress post ${target.id}'s slug was changed in WordPress to "${now}": it was kept (the story's is "${wanted}").`,
        )
      else {
        post['slug'] = wanted
        notices.push(
          `The post's slug was changed from "${now}" to "${wanted}", as the story's is now.`,
        )
      }
    }
    const polylang = await polylangLanguage(this.rest, language)
    if (polylang.notice) notices.push(polylang.notice)
    const query = polylang.slug ? `?lang=${encodeURIComponent(polylang.slug)}` : ''
    const saved = await this.save(target, post, query)
    if (!target) notices.push(...slugNotices(saved, wanted, clash))
    return {
      remoteId: saved.id,
      status: 200,
      remoteStatus: saved.status,
      slug: decodeSlug(saved.slug),
      link: saved.link,
      notices,
    }
  }

  async check(remoteId: string, articleId: string): Promise<CheckedPost | null> {
    const post = await readPost(this.rest, remoteId)
    if (!post) return null
    const mine = sameOwner(readOwner(post.raw), { articleId, deskId: this.config.deskId })
    return { remoteStatus: post.status, slug: decodeSlug(post.slug), link: post.link, mine }
  }

  async publish(remoteId: string): Promise<string> {
    const saved = toPost(
      await this.rest.v2(`/posts/${remoteId}`, {
        method: 'POST',
        body: { status: 'publish' },
        post: remoteId,
      }),
    )
    if (!saved) throw new PushError('WordPress did not return the post it published', true)
    return saved.status
  }

  /**
   * The remembered post, when it is still this story's. Gone: a new post. In the trash, or without
   * the story's mark (removed in the editor, or not this story's): the push stops and says what to
   * do, since a new post would put a second copy of the story in front of readers.
   */
  private async remembered(id: string, owner: PostOwner, notices: string[]): Promise<Post | null> {
    const post = await readPost(this.rest, id)
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
    if (sameOwner(mark, owner)) return post
    if (mark) {
      notices.push(
        `WordPress post ${id} now carries another story's mark (article ${mark.articleId}): it was left alone and this story went to a new post.`,
      )
      return null
    }
    throw new PushError(
      `WordPress post ${id}, remembered for this story, no longer carries its owner mark (the Classic block at the top of the post, removed in WordPress?), so Copydesk cannot prove it is this story's post and did not touch it. If it is, put this line back at the top of its content in the Code editor: ${ownerMark(owner)} and Retry; if it is not, delete it permanently in WordPress and Retry to make a new post`,
      false,
    )
  }

  private async save(target: Post | null, post: Record<string, unknown>, query: string) {
    try {
      const saved = toPost(
        await this.rest.v2(target ? `/posts/${target.id}${query}` : `/posts${query}`, {
          method: 'POST',
          body: post,
          post: target?.id,
        }),
      )
      if (!saved) throw new PushError('WordPress did not return the post it saved', true)
      return saved
    } catch (error) {
      if (error instanceof PostNotFound && target)
        throw new PushError(
          `WordPress post ${target.id} was deleted while this push was under way; it will be tried again, as a new post`,
          true,
        )
      throw error
    }
  }
}

function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** The status to send: the desk's for a new post, never one that takes a post back. */
function nextStatus(current: string | null, desk: WordPressConfig['status']): string | undefined {
  if (current === null) return desk
  if (LIVE.includes(current)) return undefined
  return (RANK[current] ?? 0) < (RANK[desk] ?? 0) ? desk : undefined
}

/**
 * What the desk must know about a new post's slug. A clash shows in the slug WordPress gives
 * ("-2"), or in the one it would give when published (generated_slug, for older sites that leave
 * drafts' slugs alone), even when the other post is one this user cannot list.
 */
function slugNotices(saved: Post, wanted: string, clash: Post[]): string[] {
  const given = decodeSlug(saved.slug)
  const suffixed = isSuffixedSlug(saved.slug, wanted) || isSuffixedSlug(saved.generatedSlug, wanted)
  if (clash.length > 0 || suffixed) {
    const others =
      clash.length > 0
        ? clash.map((p) => `post ${p.id}`).join(', ')
        : 'one this WordPress user cannot see'
    const generated = decodeSlug(saved.generatedSlug)
    const its =
      given !== wanted
        ? ` (its slug is "${given}")`
        : generated && generated !== wanted
          ? ` (its slug becomes "${generated}" when it is published)`
          : ''
    return [
      `WordPress already has a post with the slug "${wanted}" that is not this story (${others}): this story went to a new post ${saved.id}${its}.`,
    ]
  }
  if (given && given !== wanted)
    return [`WordPress gave the post the slug "${given}" (asked for "${wanted}").`]
  return []
}
