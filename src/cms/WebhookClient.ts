import {
  checkAnswer,
  fetchWithTimeout,
  PushError,
  type CmsClient,
  type PushRequest,
  type PushResult,
} from './CmsClient'
import { siteKey } from './siteKey'

/**
 * POSTs the publish JSON to a URL with a bearer token; the Idempotency-Key lets the CMS drop
 * repeats. The pictures' renditions travel in the JSON as the desk chose (`pictures`).
 */
export class WebhookClient implements CmsClient {
  readonly name = 'Webhook'
  readonly site: string
  readonly renditionsInDocument: 'base64' | 'links'

  constructor(
    private readonly url: string,
    private readonly token: string | null,
    private readonly timeoutMs?: number,
    pictures: 'base64' | 'links' = 'base64',
  ) {
    this.site = siteKey(url)
    this.renditionsInDocument = pictures
  }

  /**
   * A change of how pictures travel is a document the webhook has not had yet (base64, the
   * default, keeps the keys of pushes made before pictures travelled).
   */
  get fingerprint(): string {
    return this.renditionsInDocument === 'base64' ? '' : 'pictures=links'
  }

  async push(request: PushRequest): Promise<PushResult> {
    const body = JSON.stringify(request.document)
    const init: RequestInit = {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `${request.articleId}:${request.contentKey}`,
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body,
    }
    const response = await fetchWithTimeout(this.url, init, 'The webhook', this.timeoutMs)
    if (response.status === 413) throw this.tooLarge(Buffer.byteLength(body))
    await checkAnswer(response, 'The webhook')
    return {
      remoteId: response.headers.get('location') ?? request.remoteId,
      status: response.status,
      remoteStatus: null,
      slug: null,
      link: null,
      notices: [],
    }
  }

  /** HTTP 413 as a sentence with the size that was refused and what to do about it. */
  private tooLarge(bytes: number): PushError {
    const size = megabytes(bytes)
    return new PushError(
      this.renditionsInDocument === 'base64'
        ? `The webhook refused the story as too large (HTTP 413): it was ${size} with its pictures base64-encoded. Raise the receiver's request body limit (e.g. nginx client_max_body_size) above that, or send pictures as links (Desk settings, Webhook pictures), then Retry`
        : `The webhook refused the story as too large (HTTP 413): it was ${size}. Raise the receiver's request body limit (e.g. nginx client_max_body_size), then Retry`,
      false,
    )
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1000))} kB`
}
