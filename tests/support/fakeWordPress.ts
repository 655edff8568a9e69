import { isRecord } from '../../src/cms/isRecord'
import { DESK_USER_ID, error, FakePosts, type FakePost, type FakeReply } from './fakeWordPressPosts'
import { sanitizeTitle, termName } from './wordPressSanitize'

export type { FakePost, FakeReply } from './fakeWordPressPosts'
export type FakeTag = { id: number; name: string; slug: string }
/** An attachment: the uploaded file as the site keeps it, with its alt text and caption. */
export type FakeMedia = {
  id: number
  filename: string
  mimeType: string
  data: Buffer
  altText: string
  caption: string
}
/** A raw request body and the headers an upload is read with. */
export type FakeUpload = {
  data: Buffer
  contentType: string | undefined
  disposition: string | undefined
}

export const FAKE_WP_USER = 'desk'
export const FAKE_WP_PASSWORD = 'abcd efgh ijkl mnop'
export const FAKE_WP_NAME = 'Desk Editor'

/**
 * The parts of the WordPress REST API (wp/v2, as in current wordpress-develop) that Copydesk uses,
 * with the quirks that bit a real desk, as WP_REST_Posts_Controller, WP_REST_Terms_Controller,
 * wp_insert_term, wp_unique_post_slug, sanitize_title, wp_trash_post, kses term filters and the
 * application-password checks (wp_authenticate_application_password) behave:
 * - Term names are stored through `pre_term_name`: "AI & chips" is stored and returned as
 *   "AI &amp; chips"; `?search=` is a LIKE on the stored name and slug, so it does not find it by
 *   its plain name; creating it again is HTTP 400 `term_exists` whose `data.term_id` is the term.
 * - Slugs go through sanitize_title: non-Latin letters are stored and returned percent-encoded
 *   ("%e0%a4%ad…"), cut at 200 encoded characters; `?slug=` is sanitized the same way. A slug given
 *   over REST is made unique ("-2") even for a draft (the controller asks wp_unique_post_slug as if
 *   published); a post saved in wp-admin as a draft keeps a shared slug until it is published.
 *   `generated_slug` (context=edit) is the slug the post would get if published now.
 * - A trashed post's slug becomes "<slug>__trashed", so a new post takes the plain slug.
 * - Credentials: by default (application passwords in use on an https site) a wrong password is
 *   401 `incorrect_password`, a wrong user 401 `invalid_username`. `credentialsFailAs: 'anonymous'`
 *   is a site where no application password was ever made (WP_Application_Passwords::is_in_use is
 *   false): any Basic credentials are ignored and the request is a visitor's, so `?status=any` is
 *   400 `rest_invalid_param` "Status is forbidden.", `context=edit` 401 `rest_forbidden_context`, a
 *   create 401 `rest_cannot_create`, `/users/me` 401 `rest_not_logged_in`.
 *   `applicationPasswords = false` is an http:// site that is not local
 *   (wp_is_application_passwords_available is false): even the right password is refused, with 401
 *   `application_passwords_disabled` where passwords are in use, or as a visitor where not.
 * - Roles: an Editor edits every post; an Author (`role = 'author'`) only their own, and a list
 *   with context=edit leaves out the posts they may not edit (get_items checks
 *   check_update_permission), so another author's post with the same slug is invisible to them.
 * - Parameters are validated before permissions (HTTP 400 before 401); `status` must be one of the
 *   post statuses; unknown tag ids are skipped silently; a user without `publish_posts` gets 403
 *   `rest_cannot_publish`.
 * - `?search=` on posts is a LIKE on title, excerpt and raw content (WP_Query's search), which is
 *   how the owner mark's article id is found; `status=any` leaves out the trash.
 * - `context=edit` returns `content.raw` with HTML comments kept (kses keeps comments); the
 *   rendered content drops block delimiters and keeps other comments, as render_block does (so the
 *   owner mark is in the page's source); trashed posts stay readable by id with `status: "trash"`;
 *   a deleted post is 404 `rest_post_invalid_id`.
 * - The REST index (`GET /wp-json/`, `_fields` honoured) lists the namespaces; with
 *   `polylang` set, `pll/v1` is among them, `GET /wp-json/pll/v1/languages` lists the languages,
 *   a post save takes Polylang Pro's `?lang=` and posts carry `lang`.
 * - Scheduling: `date_gmt` (RFC 3339, UTC when it has no offset) is the post's date; as in
 *   wp_insert_post, `publish` dated a minute or more ahead becomes `future` and `future` dated under
 *   a minute ahead becomes `publish` (both need publish_posts). A `future` post goes live only when
 *   `runCron()` is called (WP-Cron runs on site traffic): past its time it stays `future`.
 * Not reproduced: wptexturize, wpautop, pagination headers, revisions, meta.
 */
export class FakeWordPress {
  readonly tags = new Map<number, FakeTag>()
  readonly media = new Map<number, FakeMedia>()
  /** The user's upload_files capability (an Author or Editor has it, a Contributor does not). */
  canUpload = true
  /** The web server's largest request body (nginx's client_max_body_size): larger is HTTP 413. */
  uploadLimit = Infinity
  credentialsFailAs: 'anonymous' | 'error401' = 'error401'
  /** False on an http:// site that is not local: WordPress offers no application passwords. */
  applicationPasswords = true
  /** The desk user's role: an Editor may edit any post, an Author only their own. */
  role: 'editor' | 'author' = 'editor'
  /** The user's publish_posts capability (an Author or Editor has it, a Contributor does not). */
  canPublish = true
  /** Polylang's languages when the site runs Polylang (with its REST API, as in Polylang Pro). */
  polylang: { slug: string; locale: string; name: string }[] | null = null
  /** The site's clock (a test moves it to reach a scheduled post's time). */
  now: () => Date = () => new Date()
  /** Called with every request before it is answered: a test's way to change the site meanwhile. */
  onRequest: ((method: string, url: URL) => void) | undefined
  private nextId = 100
  private readonly postRoutes: FakePosts

  constructor(private readonly base: () => string) {
    this.postRoutes = new FakePosts({
      base,
      newId: () => this.newId(),
      canEdit: (post) => this.role === 'editor' || post.author === DESK_USER_ID,
      canPublish: () => this.canPublish,
      hasTag: (id) => this.tags.has(id),
      languages: () => this.polylang?.map((l) => l.slug) ?? null,
      now: () => this.now(),
    })
  }

  /** A post saved as the desk's signed-in user would over REST; the status WordPress gave it. */
  savePost(id: number | null, body: Record<string, unknown>): string {
    const reply = this.postRoutes.save(id, body, true, null)
    const saved: unknown = reply.body
    return saved && typeof saved === 'object' && 'status' in saved ? String(saved.status) : ''
  }

  /** WP-Cron on a visit: publishes the scheduled posts whose time has come; their ids. */
  runCron(): number[] {
    return this.postRoutes.runCron()
  }

  get posts(): Map<number, FakePost> {
    return this.postRoutes.posts
  }

  handle(
    method: string,
    url: URL,
    authorization: string | undefined,
    body: unknown,
    refuseAll: boolean,
    upload?: FakeUpload,
  ): FakeReply {
    this.onRequest?.(method, url)
    // The web server refuses a body over its limit before WordPress sees it, with its own page.
    if (upload && upload.data.length > this.uploadLimit)
      return {
        status: 413,
        body: '<html><head><title>413 Request Entity Too Large</title></head></html>',
      }
    const auth = this.authenticate(authorization, refuseAll)
    if (typeof auth === 'object') return auth
    const signedIn = auth === 'user'
    if (/^\/wp-json\/?$/.test(url.pathname)) return this.index(url)
    if (url.pathname === '/wp-json/pll/v1/languages' && this.polylang)
      return { status: 200, body: this.polylang }
    const route = /^\/wp-json\/wp\/v2\/(posts|tags|media|users\/me)(?:\/(\d+))?\/?$/.exec(
      url.pathname,
    )
    if (!route)
      return error(404, 'rest_no_route', 'No route was found matching the URL and request method.')
    const [, kind, id] = route
    const edit = url.searchParams.get('context') === 'edit'
    if (kind === 'users/me') {
      if (!signedIn) return error(401, 'rest_not_logged_in', 'You are not currently logged in.')
      const user = { id: DESK_USER_ID, name: FAKE_WP_NAME, slug: FAKE_WP_USER }
      const capabilities = { edit_posts: true, publish_posts: this.canPublish }
      return { status: 200, body: edit ? { ...user, capabilities } : user }
    }
    if (kind === 'tags')
      return method === 'GET' ? this.listTags(url) : this.createTag(body, signedIn)
    if (kind === 'media') return this.mediaRoute(method, id, body, signedIn, upload)
    if (method === 'POST' && isRecord(body) && body['featured_media'] !== undefined) {
      const featured = body['featured_media']
      // WP_REST_Posts_Controller::handle_featured_media: 0 removes it, an id must be an attachment.
      if (featured !== 0 && !this.media.has(Number(featured)))
        return error(400, 'rest_invalid_featured_media', 'Invalid featured media ID.')
    }
    if (method === 'GET')
      return id
        ? this.postRoutes.read(Number(id), edit, signedIn)
        : this.postRoutes.list(url, edit, signedIn)
    return this.postRoutes.save(
      id ? Number(id) : null,
      body,
      signedIn,
      url.searchParams.get('lang'),
    )
  }

  /**
   * /wp/v2/media as WP_REST_Attachments_Controller answers: a raw upload needs Content-Type and
   * Content-Disposition (with a filename) and some bytes; a user without upload_files gets HTTP 400
   * rest_cannot_create (not 403); the new attachment is 201 with its id and source_url. An update
   * (POST /media/<id>) sets alt_text and caption.
   */
  private mediaRoute(
    method: string,
    id: string | undefined,
    body: unknown,
    signedIn: boolean,
    upload: FakeUpload | undefined,
  ): FakeReply {
    if (method === 'GET') {
      const found = id ? this.media.get(Number(id)) : undefined
      if (id && !found) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
      return {
        status: 200,
        body: found
          ? this.shapeMedia(found)
          : [...this.media.values()].map((m) => this.shapeMedia(m)),
      }
    }
    if (!signedIn)
      return error(
        401,
        'rest_cannot_create',
        'Sorry, you are not allowed to create posts as this user.',
      )
    if (id) {
      const found = this.media.get(Number(id))
      if (!found) return error(404, 'rest_post_invalid_id', 'Invalid post ID.')
      const input = isRecord(body) ? body : {}
      const text = (name: string, fallback: string) =>
        typeof input[name] === 'string' ? input[name] : fallback
      const updated = {
        ...found,
        altText: text('alt_text', found.altText),
        caption: text('caption', found.caption),
      }
      this.media.set(updated.id, updated)
      return { status: 200, body: this.shapeMedia(updated) }
    }
    if (!this.canUpload)
      return error(
        400,
        'rest_cannot_create',
        'Sorry, you are not allowed to upload media on this site.',
      )
    if (!upload || upload.data.length === 0)
      return error(400, 'rest_upload_no_data', 'No data supplied.')
    if (!upload.contentType)
      return error(400, 'rest_upload_no_content_type', 'No Content-Type supplied.')
    const filename = /filename="?([^";]+)"?/.exec(upload.disposition ?? '')?.[1]
    if (!filename)
      return error(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.')
    const media: FakeMedia = {
      id: this.newId(),
      filename,
      mimeType: upload.contentType,
      data: upload.data,
      altText: '',
      caption: '',
    }
    this.media.set(media.id, media)
    return {
      status: 201,
      body: this.shapeMedia(media),
      headers: { Location: `${this.base()}/wp-json/wp/v2/media/${media.id}` },
    }
  }

  private shapeMedia(media: FakeMedia) {
    return {
      id: media.id,
      type: 'attachment',
      status: 'inherit',
      media_type: 'image',
      mime_type: media.mimeType,
      alt_text: media.altText,
      caption: { raw: media.caption, rendered: `<p>${media.caption}</p>\n` },
      source_url: this.sourceUrl(media),
    }
  }

  /** Where WordPress puts an upload: wp-content/uploads/<year>/<month>/<file>. */
  sourceUrl(media: FakeMedia): string {
    return `${this.base()}/wp-content/uploads/2026/03/${media.filename}`
  }

  /** What an editor does in wp-admin: publish a post (its slug made unique then). */
  publish(id: number): void {
    const post = this.posts.get(id)
    if (post) this.postRoutes.store({ ...post, status: 'publish' })
  }

  /** wp_trash_post: the post goes to the trash and its slug gets "__trashed" (WordPress 4.5+). */
  trash(id: number): void {
    const post = this.posts.get(id)
    if (!post) return
    const slug = post.slug && !post.slug.endsWith('__trashed') ? `${post.slug}__trashed` : post.slug
    this.posts.set(id, { ...post, status: 'trash', slug })
  }

  /** A post made by someone else on the site (the administrator, unless `author` says). */
  addPost(post: Omit<FakePost, 'id' | 'author'> & { author?: number }): FakePost {
    return this.postRoutes.store({ author: 1, ...post, id: this.newId() })
  }

  addTag(name: string): FakeTag {
    const tag = { id: this.newId(), name: termName(name), slug: sanitizeTitle(name) }
    this.tags.set(tag.id, tag)
    return tag
  }

  /** The next id, as a database's auto-increment: never one a post or tag already has. */
  private newId(): number {
    do this.nextId += 1
    while (this.posts.has(this.nextId) || this.tags.has(this.nextId) || this.media.has(this.nextId))
    return this.nextId
  }

  private index(url: URL): FakeReply {
    const index: Record<string, unknown> = {
      name: 'Fake WordPress',
      url: this.base(),
      namespaces: [
        'oembed/1.0',
        'wp/v2',
        'wp-site-health/v1',
        ...(this.polylang ? ['pll/v1'] : []),
      ],
      authentication: this.applicationPasswords
        ? {
            'application-passwords': {
              endpoints: { authorization: `${this.base()}/wp-admin/authorize-application.php` },
            },
          }
        : [],
      routes: {},
    }
    const fields = url.searchParams.get('_fields')?.split(',')
    const body = fields ? Object.fromEntries(fields.map((f) => [f, index[f]])) : index
    return { status: 200, body }
  }

  private authenticate(
    header: string | undefined,
    refuseAll: boolean,
  ): 'user' | 'anonymous' | FakeReply {
    if (!header?.startsWith('Basic ')) return 'anonymous'
    // Where no application password was ever made, Basic credentials are not even looked at.
    if (this.credentialsFailAs === 'anonymous' && (!this.applicationPasswords || refuseAll))
      return 'anonymous'
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
    const password = rest.join(':').replace(/[^a-z\d]/gi, '')
    const wrongUser = user !== FAKE_WP_USER
    const wrongPassword = refuseAll || password !== FAKE_WP_PASSWORD.replace(/ /g, '')
    if (wrongUser && this.credentialsFailAs === 'error401')
      return error(
        401,
        'invalid_username',
        '<strong>Error:</strong> Unknown username. Check again or try your email address.',
      )
    if (!this.applicationPasswords)
      return this.credentialsFailAs === 'error401'
        ? error(401, 'application_passwords_disabled', 'Application passwords are not available.')
        : 'anonymous'
    if (!wrongUser && !wrongPassword) return 'user'
    if (this.credentialsFailAs === 'anonymous') return 'anonymous'
    return error(
      401,
      'incorrect_password',
      'The provided password is an invalid application password.',
    )
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
        { term_id: same.id },
      )
    const tag = this.addTag(name)
    return { status: 201, body: { ...tag, taxonomy: 'post_tag' } }
  }
}
