import { isRecord } from '../../src/cms/isRecord'
import { sanitizeTitle } from './wordPressSanitize'

export type FakePost = {
  id: number
  title: string
  excerpt: string
  /** content.raw: the block markup as stored, HTML comments included. */
  content: string
  status: string
  /** post_name as WordPress stores it: percent-encoded UTF-8 for non-Latin letters. */
  slug: string
  tags: number[]
  /** The user who wrote it: 2 is the desk's WordPress user, 1 the site's administrator. */
  author: number
  /** Polylang's language slug, on a site that runs Polylang. */
  lang?: string | undefined
  /** post_date_gmt, as WordPress returns it: "2026-03-09T10:00:00", UTC without an offset. */
  dateGmt?: string | undefined
  /** The featured image's attachment id (0: none). */
  featuredMedia?: number | undefined
}
export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> }

/** What the posts routes need from the site around them. */
export type FakeSite = {
  base: () => string
  newId: () => number
  /** The desk's user may edit this post (an Editor any, an Author only their own). */
  canEdit: (post: FakePost) => boolean
  canPublish: () => boolean
  hasTag: (id: number) => boolean
  /** Polylang's language slugs; null on a site without Polylang. */
  languages: () => string[] | null
  /** The site's clock: a post dated a minute or more ahead is scheduled, not published. */
  now: () => Date
}

export const DESK_USER_ID = 2
const STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'trash']
/** wp_unique_post_slug makes no slug unique while a post is in one of these. */
const UNIQUE_EXEMPT = ['draft', 'pending', 'auto-draft']

/** /wp/v2/posts as WP_REST_Posts_Controller answers (see FakeWordPress for what is reproduced). */
export class FakePosts {
  readonly posts = new Map<number, FakePost>()

  constructor(private readonly site: FakeSite) {}

  list(url: URL, edit: boolean, signedIn: boolean): FakeReply {
    const statuses = (url.searchParams.get('status') ?? 'publish').split(',')
    if (!signedIn && statuses.some((s) => s !== 'publish')) {
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
        params: { status: 'Status is forbidden.' },
        details: {
          status: {
            code: 'rest_forbidden_status',
            message: 'Status is forbidden.',
            data: { status: 401 },
          },
        },
      })
    }
    if (edit && !signedIn)
      return error(
        401,
        'rest_forbidden_context',
        'Sorry, you are not allowed to edit posts in this post type.',
      )
    // The slug parameter goes through wp_parse_slug_list (sanitize_title on each).
    const slugs = url.searchParams.get('slug')?.split(',').map(sanitizeTitle)
    const search = url.searchParams.get('search')?.toLowerCase()
    const found = [...this.posts.values()].filter(
      (post) =>
        (statuses.includes('any') ? post.status !== 'trash' : statuses.includes(post.status)) &&
        (!slugs || slugs.includes(post.slug)) &&
        (!search ||
          [post.title, post.excerpt, post.content].some((t) => t.toLowerCase().includes(search))) &&
        // get_items with context=edit skips what the user may not edit (check_update_permission).
        (!edit || this.site.canEdit(post)),
    )
    return { status: 200, body: found.map((post) => this.shape(post, edit)) }
  }

  read(id: number, edit: boolean, signedIn: boolean): FakeReply {
    const post = this.posts.get(id)
    if (!post) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
    if (edit && (!signedIn || !this.site.canEdit(post)))
      return error(401, 'rest_forbidden_context', 'Sorry, you are not allowed to edit this post.')
    if (!signedIn && post.status !== 'publish')
      return error(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.')
    return { status: 200, body: this.shape(post, edit) }
  }

  save(id: number | null, body: unknown, signedIn: boolean, lang: string | null): FakeReply {
    const input = isRecord(body) ? body : {}
    const status = input['status']
    if (status !== undefined && (typeof status !== 'string' || !STATUSES.includes(status))) {
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
        params: { status: `status is not one of ${STATUSES.join(', ')}.` },
      })
    }
    const tags = input['tags']
    if (tags !== undefined && (!Array.isArray(tags) || !tags.every((t) => Number.isInteger(t)))) {
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): tags', {
        params: { tags: 'tags[0] is not of type integer.' },
      })
    }
    const dateInput = input['date_gmt']
    const dateGmt = typeof dateInput === 'string' ? parseGmt(dateInput) : null
    if (dateInput !== undefined && dateGmt === null)
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): date_gmt', {
        params: { date_gmt: 'Invalid date.' },
      })
    const existing = id === null ? null : this.posts.get(id)
    if (id !== null && !existing) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
    if (!signedIn || (existing && !this.site.canEdit(existing))) {
      return existing
        ? error(401, 'rest_cannot_edit', 'Sorry, you are not allowed to edit this post.')
        : error(
            401,
            'rest_cannot_create',
            'Sorry, you are not allowed to create posts as this user.',
          )
    }
    if ((status === 'publish' || status === 'future') && !this.site.canPublish())
      return error(
        403,
        'rest_cannot_publish',
        'Sorry, you are not allowed to publish posts in this post type.',
      )
    const text = (name: string, fallback: string) => {
      const value = input[name]
      return typeof value === 'string' ? value : fallback
    }
    const slug = typeof input['slug'] === 'string' ? sanitizeTitle(input['slug']) : null
    const known = this.site.languages()
    const date = dateGmt ?? existing?.dateGmt ?? gmt(this.site.now())
    const post = this.store(
      {
        id: existing?.id ?? this.site.newId(),
        title: text('title', existing?.title ?? ''),
        excerpt: text('excerpt', existing?.excerpt ?? ''),
        content: text('content', existing?.content ?? ''),
        status: scheduledStatus(
          typeof status === 'string' ? status : (existing?.status ?? 'draft'),
          date,
          this.site.now(),
        ),
        dateGmt: date,
        slug: slug ?? existing?.slug ?? '',
        // Unknown tag ids are skipped silently.
        tags: Array.isArray(tags)
          ? tags.filter((t): t is number => Number.isInteger(t) && this.site.hasTag(Number(t)))
          : (existing?.tags ?? []),
        author: existing?.author ?? DESK_USER_ID,
        featuredMedia:
          typeof input['featured_media'] === 'number'
            ? input['featured_media']
            : existing?.featuredMedia,
        lang: known && lang && known.includes(lang) ? lang : (existing?.lang ?? known?.[0]),
      },
      // The REST controller makes a given slug unique even for drafts (as if published).
      slug !== null,
    )
    const location = `${this.site.base()}/wp-json/wp/v2/posts/${post.id}`
    return {
      status: existing ? 200 : 201,
      body: this.shape(post, true),
      headers: existing ? {} : { Location: location },
    }
  }

  /**
   * WP-Cron's publish_future_post: publishes scheduled posts whose time has come. WordPress runs it
   * only when a request reaches the site (and not at all with DISABLE_WP_CRON), so tests call it to
   * stand for a visitor; until then a post stays 'future' past its time ("missed schedule").
   */
  runCron(): number[] {
    const now = this.site.now().getTime()
    const published: number[] = []
    for (const post of this.posts.values())
      if (post.status === 'future' && Date.parse(`${post.dateGmt ?? ''}Z`) <= now) {
        this.store({ ...post, status: 'publish' })
        published.push(post.id)
      }
    return published
  }

  /** Saves a post as wp_insert_post would: a live post (or a slug given over REST) is made unique. */
  store(post: FakePost, uniqueAsPublished = false): FakePost {
    let slug = post.slug || (UNIQUE_EXEMPT.includes(post.status) ? '' : sanitizeTitle(post.title))
    if (slug && (uniqueAsPublished || !UNIQUE_EXEMPT.includes(post.status)))
      slug = this.uniqueSlug(slug, post.id)
    const stored = { ...post, slug }
    this.posts.set(stored.id, stored)
    return stored
  }

  /** wp_unique_post_slug for a published post: "-2", "-3"… after a slug another post has. */
  uniqueSlug(slug: string, id: number): string {
    const taken = (candidate: string) =>
      [...this.posts.values()].some((other) => other.id !== id && other.slug === candidate)
    let unique = slug
    for (let n = 2; taken(unique); n += 1) unique = `${slug}-${n}`
    return unique
  }

  private shape(post: FakePost, edit: boolean) {
    // render_block leaves comments that are not block delimiters in the page, as they are.
    const rendered = post.content.replace(/<!-- \/?wp:[\s\S]*?-->\n?/g, '').trim()
    const link =
      post.status === 'publish'
        ? `${this.site.base()}/${post.slug}/`
        : `${this.site.base()}/?p=${post.id}`
    const common = {
      id: post.id,
      slug: post.slug,
      status: post.status,
      link,
      tags: post.tags,
      author: post.author,
      date_gmt: post.dateGmt ?? null,
      featured_media: post.featuredMedia ?? 0,
      ...(this.site.languages() ? { lang: post.lang ?? null } : {}),
    }
    if (!edit)
      return {
        ...common,
        title: { rendered: post.title },
        content: { rendered, protected: false },
        excerpt: { rendered: post.excerpt, protected: false },
      }
    return {
      ...common,
      // get_sample_permalink: the slug the post would have if it were published now.
      generated_slug: this.uniqueSlug(post.slug || sanitizeTitle(post.title), post.id),
      title: { raw: post.title, rendered: post.title },
      content: { raw: post.content, rendered, protected: false, block_version: 1 },
      excerpt: { raw: post.excerpt, rendered: post.excerpt, protected: false },
    }
  }
}

export function error(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): FakeReply {
  return { status, body: { code, message, data: { status, ...data } } }
}

/** post_date_gmt as WordPress writes it in REST answers: no offset, UTC. */
function gmt(date: Date): string {
  return date.toISOString().slice(0, 19)
}

/** rest_parse_date for date_gmt: an RFC 3339 time, read as UTC when it has no offset. */
function parseGmt(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return null
  const at = Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(value) ? value : `${value}Z`)
  return Number.isNaN(at) ? null : gmt(new Date(at))
}

/**
 * wp_insert_post's date rule: publish dated a minute or more ahead becomes future; future dated
 * under a minute ahead becomes publish (MINUTE_IN_SECONDS in wp-includes/post.php).
 */
function scheduledStatus(status: string, dateGmt: string, now: Date): string {
  const ahead = Date.parse(`${dateGmt}Z`) - now.getTime()
  if (status === 'publish' && ahead >= 60_000) return 'future'
  if (status === 'future' && ahead < 60_000) return 'publish'
  return status
}
