import { send, type CmsClient, type PushRequest, type PushResult } from './CmsClient'
import { siteKey } from './siteKey'

/** POSTs the publish JSON to a URL with a bearer token; the Idempotency-Key lets the CMS drop repeats. */
export class WebhookClient implements CmsClient {
  readonly name = 'Webhook'
  readonly fingerprint = ''
  readonly site: string

  constructor(
    private readonly url: string,
    private readonly token: string | null,
    private readonly timeoutMs?: number,
  ) {
    this.site = siteKey(url)
  }

  async push(request: PushRequest): Promise<PushResult> {
    const response = await send(
      this.url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `${request.articleId}:${request.contentKey}`,
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify(request.document),
      },
      'The webhook',
      this.timeoutMs,
    )
    return {
      remoteId: response.headers.get('location') ?? request.remoteId,
      status: response.status,
      remoteStatus: null,
      slug: null,
      link: null,
      notices: [],
    }
  }
}
