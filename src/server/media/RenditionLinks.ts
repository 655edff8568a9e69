import { timingSafeEqual } from 'node:crypto'
import { MediaId } from '../../shared/media/MediaId'
import { PICTURE_FORMATS } from '../../shared/media/PictureType'
import type { SecretBox } from '../outbox/SecretBox'
import type { DeskMediaStore } from './DeskMediaStore'

/** The path a rendition is served at, without an account: `/v1/renditions/<id>?key=<capability>`. */
export const RENDITIONS_PATH = '/v1/renditions/'

const PURPOSE = 'public rendition'

/** A rendition's bytes as the desk serves them to a CMS fetching a webhook's link. */
export type ServedRendition = { data: Uint8Array; contentType: string }

/**
 * Links to the desk's renditions for a webhook that takes links (`copydesk desk serve --public-url`).
 * A link is the rendition's id and a capability for it (an HMAC under the desk's secret key): the
 * receiving CMS fetches it without an account, and nobody can make a link for another file. Only
 * renditions are ever linked or served, never an original, which keeps the camera's metadata.
 */
export class RenditionLinks {
  readonly base: string

  constructor(
    publicUrl: string,
    private readonly box: SecretBox,
    private readonly media: DeskMediaStore,
  ) {
    this.base = publicUrl.replace(/\/+$/, '')
  }

  /** The absolute address of one rendition. */
  href(id: MediaId): string {
    return `${this.base}${RENDITIONS_PATH}${id}?key=${this.box.capability(PURPOSE, id)}`
  }

  /**
   * The rendition `id` names, when `key` is its capability and it is a rendition the desk has;
   * null otherwise (a wrong or forged key, an original, a file the desk lacks: all look alike).
   */
  async serve(id: string, key: string): Promise<ServedRendition | null> {
    const parsed = MediaId.safeParse(id)
    if (!parsed.success) return null
    const expected = Buffer.from(this.box.capability(PURPOSE, parsed.data))
    const given = Buffer.from(key)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    if (!(await this.media.isRendition(parsed.data))) return null
    const data = await this.media.read(parsed.data).catch(() => null)
    if (data === null) return null
    const ext = parsed.data.slice(parsed.data.lastIndexOf('.') + 1)
    const format = Object.values(PICTURE_FORMATS).find((f) => f.ext === ext)
    return format ? { data, contentType: format.mime } : null
  }
}
