export type FakePost = {
  id: number
  title: string
  excerpt: string
  /** content.raw: the block markup as stored, HTML comments included. */
  content: string
  status: string
  slug: string
  tags: number[]
}
export type FakeTag = { id: number; name: string; slug: string }
export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> }

export const FAKE_WP_USER = 'desk'
export const FAKE_WP_PASSWORD = 'abcd efgh ijkl mnop'
export const FAKE_WP_NAME = 'Desk Editor'

const STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'trash']
/** wp_unique_post_slug makes no slug unique while a post is in one of these. */
const UNIQUE_EXEMPT = ['draft', 'pending', 'auto-draft']

/**
 * The parts of a WordPress 6.1 REST API (wp/v2) that Copydesk uses, with the quirks that bit a real
 * desk, as wordpress-develop's WP_REST_Posts_Controller, WP_REST_Terms_Controller, wp_insert_term,
 * wp_unique_post_slug, kses term filters and application-password checks behave:
 * - Term names are stored through `pre_term_name` (tags stripped, `&` `<` `>` escaped): "AI & chips"
 *   is stored and returned as "AI &amp; chips"; `?search=` is a LIKE on the stored name and slug, so
 *   it does not find it by its plain name; creating it again is HTTP 400 `term_exists` whose
 *   `data.term_id` is the existing term.
 * - Slugs are made unique (`-2`, `-3`…) only for posts that are not draft or pending: two pending
 *   posts can share a slug, the second gets `-2` when it is published.
 * - With wrong credentials the site treats the request as anonymous (`credentialsFailAs:
 *   'anonymous'`, what the reported site did): `?status=any` is HTTP 400 `rest_invalid_param`
 *   "Invalid parameter(s): status" with "Status is forbidden." in `data.params`; `context=edit` is 401
 *   `rest_forbidden_context`; a create is 401 `rest_cannot_create`; `/users/me` is 401
 *   `rest_not_logged_in`. With `credentialsFailAs: 'error401'` it answers 401 `incorrect_password`
 *   or `invalid_username` as a site with application passwords available does.
 * - Parameters are validated before permissions (HTTP 400 before 401); `status` must be one of the
 *   post statuses; unknown tag ids are skipped silently; a user without `publish_posts` gets 403
 *   `rest_cannot_publish`.
 * - `?search=` on posts is a LIKE on title, excerpt and raw content (WP_Query's search), which is
 *   how the owner mark's article id is found; `status=any` leaves out the trash.
 * - `context=edit` returns `content.raw` with HTML comments kept (kses keeps comments); trashed
 *   posts stay readable by id with `status: "trash"`; a deleted post is 404 `rest_post_invalid_id`.
 * Not reproduced: rendering filters (wptexturize, wpautop), pagination headers, revisions, meta.
 */
export class FakeWordPress {
  readonly posts = new Map<number, FakePost>()
  readonly tags = new Map<number, FakeTag>()
  credentialsFailAs: 'anonymous' | 'error401' = 'anonymous'
  /** The user's publish_posts capability (an Author or Editor has it, a Contributor does not). */
  canPublish = true
  private nextId = 100

  constructor(private readonly base: () => string) {}

  handle(
    method: string,
    url: URL,
    authorization: string | undefined,
    body: unknown,
    refuseAll: boolean,
  ): FakeReply {
    const auth = this.authenticate(authorization, refuseAll)
    if (typeof auth === 'object') return auth
    const signedIn = auth === 'user'
    const route = /^\/wp-json\/wp\/v2\/(posts|tags|users\/me)(?:\/(\d+))?\/?$/.exec(url.pathname)
    if (!route)
      return error(404, 'rest_no_route', 'No route was found matching the URL and request method.')
    const [, kind, id] = route
    const edit = url.searchParams.get('context') === 'edit'
    if (kind === 'users/me') {
      if (!signedIn) return error(401, 'rest_not_logged_in', 'You are not currently logged in.')
      const user = { id: 2, name: FAKE_WP_NAME, slug: FAKE_WP_USER }
      const capabilities = { edit_posts: true, publish_posts: this.canPublish }
      return { status: 200, body: edit ? { ...user, capabilities } : user }
    }
    if (kind === 'tags')
      return method === 'GET' ? this.listTags(url) : this.createTag(body, signedIn)
    if (method === 'GET')
      return id ? this.readPost(Number(id), edit, signedIn) : this.listPosts(url, edit, signedIn)
    return this.savePost(id ? Number(id) : null, body, signedIn)
  }

  /** What an editor does in wp-admin: publish a post (its slug made unique then). */
  publish(id: number): void {
    const post = this.posts.get(id)
    if (post) this.store({ ...post, status: 'publish' })
  }

  /** A post made by someone else on the site. */
  addPost(post: Omit<FakePost, 'id'>): FakePost {
    const stored = this.store({ ...post, id: (this.nextId += 1) })
    return stored
  }

  addTag(name: string): FakeTag {
    const tag = { id: (this.nextId += 1), name: termName(name), slug: sanitizeTitle(name) }
    this.tags.set(tag.id, tag)
    return tag
  }

  private authenticate(
    header: string | undefined,
    refuseAll: boolean,
  ): 'user' | 'anonymous' | FakeReply {
    if (!header?.startsWith('Basic ')) return 'anonymous'
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
    const password = rest.join(':').replace(/[^a-z\d]/gi, '')
    const wrongUser = user !== FAKE_WP_USER
    const wrongPassword = refuseAll || password !== FAKE_WP_PASSWORD.replace(/ /g, '')
    if (!wrongUser && !wrongPassword) return 'user'
    if (this.credentialsFailAs === 'anonymous') return 'anonymous'
    return wrongUser
      ? error(
          401,
          'invalid_username',
          '<strong>Error:</strong> Unknown username. Check again or try your email address.',
        )
      : error(
          401,
          'incorrect_password',
          'The provided password is an invalid application password.',
        )
  }

  private listPosts(url: URL, edit: boolean, signedIn: boolean): FakeReply {
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
    const slugs = url.searchParams.get('slug')?.split(',')
    const search = url.searchParams.get('search')?.toLowerCase()
    const found = [...this.posts.values()].filter(
      (post) =>
        (statuses.includes('any') ? post.status !== 'trash' : statuses.includes(post.status)) &&
        (!slugs || slugs.includes(post.slug)) &&
        (!search ||
          [post.title, post.excerpt, post.content].some((t) => t.toLowerCase().includes(search))),
    )
    return { status: 200, body: found.map((post) => this.shape(post, edit)) }
  }

  private readPost(id: number, edit: boolean, signedIn: boolean): FakeReply {
    const post = this.posts.get(id)
    if (!post) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
    if (edit && !signedIn)
      return error(401, 'rest_forbidden_context', 'Sorry, you are not allowed to edit this post.')
    if (!signedIn && post.status !== 'publish')
      return error(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.')
    return { status: 200, body: this.shape(post, edit) }
  }

  private savePost(id: number | null, body: unknown, signedIn: boolean): FakeReply {
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
    const existing = id === null ? null : this.posts.get(id)
    if (id !== null && !existing) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
    if (!signedIn) {
      return existing
        ? error(401, 'rest_cannot_edit', 'Sorry, you are not allowed to edit this post.')
        : error(
            401,
            'rest_cannot_create',
            'Sorry, you are not allowed to create posts as this user.',
          )
    }
    if (status === 'publish' && !this.canPublish)
      return error(
        403,
        'rest_cannot_publish',
        'Sorry, you are not allowed to publish posts in this post type.',
      )
    const text = (name: string, fallback: string) => {
      const value = input[name]
      return typeof value === 'string' ? value : fallback
    }
    const post = this.store({
      id: existing?.id ?? (this.nextId += 1),
      title: text('title', existing?.title ?? ''),
      excerpt: text('excerpt', existing?.excerpt ?? ''),
      content: text('content', existing?.content ?? ''),
      status: typeof status === 'string' ? status : (existing?.status ?? 'draft'),
      slug: sanitizeTitle(text('slug', existing?.slug ?? '')),
      tags: Array.isArray(tags)
        ? tags.filter((t): t is number => this.tags.has(Number(t)))
        : (existing?.tags ?? []),
    })
    const location = `${this.base()}/wp-json/wp/v2/posts/${post.id}`
    return {
      status: existing ? 200 : 201,
      body: this.shape(post, true),
      headers: existing ? {} : { Location: location },
    }
  }

  private listTags(url: URL): FakeReply {
    const search = (url.searchParams.get('search') ?? '').toLowerCase()
    const found = [...this.tags.values()].filter(
      (tag) => tag.name.toLowerCase().includes(search) || tag.slug.includes(search),
    )
    return { status: 200, body: found.map((tag) => ({ ...tag, taxonomy: 'post_tag' })) }
  }

  private createTag(body: unknown, signedIn: boolean): FakeReply {
    const name = isRecord(body) && typeof body['name'] === 'string' ? body['name'] : ''
    if (!name)
      return error(400, 'rest_missing_callback_param', 'Missing parameter(s): name', {
        params: ['name'],
      })
    if (!signedIn)
      return error(
        401,
        'rest_cannot_create',
        'Sorry, you are not allowed to create terms in this taxonomy.',
      )
    const stored = termName(name)
    const same = [...this.tags.values()].find(
      (tag) => tag.name.toLowerCase() === stored.toLowerCase(),
    )
    if (same)
      return error(
        400,
        'term_exists',
        'A term with the name provided already exists in this taxonomy.',
        {
          term_id: same.id,
        },
      )
    const tag = this.addTag(name)
    return { status: 201, body: { ...tag, taxonomy: 'post_tag' } }
  }

  /** Saves a post as wp_insert_post would: a live post gets a slug no other post has. */
  private store(post: FakePost): FakePost {
    let slug = post.slug || (UNIQUE_EXEMPT.includes(post.status) ? '' : sanitizeTitle(post.title))
    if (slug && !UNIQUE_EXEMPT.includes(post.status)) {
      const taken = (candidate: string) =>
        [...this.posts.values()].some((other) => other.id !== post.id && other.slug === candidate)
      const base = slug
      for (let n = 2; taken(slug); n += 1) slug = `${base}-${n}`
    }
    const stored = { ...post, slug }
    this.posts.set(stored.id, stored)
    return stored
  }

  private shape(post: FakePost, edit: boolean) {
    const rendered = post.content.replace(/<!--[\s\S]*?-->/g, '').trim()
    const link =
      post.status === 'publish' ? `${this.base()}/${post.slug}/` : `${this.base()}/?p=${post.id}`
    const common = { id: post.id, slug: post.slug, status: post.status, link, tags: post.tags }
    if (!edit)
      return {
        ...common,
        title: { rendered: post.title },
        content: { rendered, protected: false },
        excerpt: { rendered: post.excerpt, protected: false },
      }
    return {
      ...common,
      generated_slug: post.slug || sanitizeTitle(post.title),
      title: { raw: post.title, rendered: post.title },
      content: { raw: post.content, rendered, protected: false, block_version: 1 },
      excerpt: { raw: post.excerpt, rendered: post.excerpt, protected: false },
    }
  }
}

function error(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): FakeReply {
  return { status, body: { code, message, data: { status, ...data } } }
}

/** `pre_term_name`: sanitize_text_field, wp_filter_kses, then _wp_specialchars (no double encoding). */
function termName(name: string): string {
  return name
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&(?!(?:[a-z][a-z\d]*|#\d+|#x[\da-f]+);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** sanitize_title for ASCII: entities and tags dropped, lower case, runs of other characters to "-". */
function sanitizeTitle(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&[^;\s]*;/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
