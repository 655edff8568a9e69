import type { DeskSettings } from '../shared/domain/DeskSettings'
import type { PushTarget } from '../shared/domain/OutboxItem'
import type { CmsClient } from './CmsClient'
import { urlOrigin } from './urlOrigin'
import { WebhookClient } from './WebhookClient'
import { WordPressClient } from './WordPressClient'

/** The CMS secrets a desk keeps: the webhook's bearer token and WordPress's application password. */
export type SecretName = 'webhookToken' | 'wordpressPassword'

/**
 * Where the secrets come from, each bound to the origin it was entered for: the workstation's
 * SecretStore, or the desk server's sealed cms_targets rows.
 */
export type CmsSecrets = {
  get(name: SecretName, origin: string | null): string | null
  boundOrigin(name: SecretName): string | null
}

export type ClientOptions = { deskId: string; timeoutMs?: number | undefined }

/**
 * The client for a push target as the desk configured it, or what is missing. A stored token or
 * password goes only to the origin it was entered for: pointed elsewhere, the target is refused
 * until the secret is entered again for the new address.
 */
export function clientForTarget(
  target: PushTarget,
  settings: DeskSettings,
  secrets: CmsSecrets,
  options: ClientOptions,
): CmsClient | string {
  if (target === 'webhook') {
    if (!settings.webhookUrl) return 'No webhook URL is set in Desk settings.'
    const moved = movedSecret('webhookToken', 'webhook token', settings.webhookUrl, secrets)
    if (moved) return moved
    if (settings.webhookPictures === 'links' && !settings.webhookPicturesUrl)
      return 'Webhook pictures are set to go as links, and no public address for them is set (Desk settings, Webhook pictures address): set it, or send pictures base64-encoded.'
    return new WebhookClient(
      settings.webhookUrl,
      secrets.get('webhookToken', urlOrigin(settings.webhookUrl)),
      options.timeoutMs,
      settings.webhookPictures,
    )
  }
  const moved = settings.wordpressUrl
    ? movedSecret(
        'wordpressPassword',
        'WordPress application password',
        settings.wordpressUrl,
        secrets,
      )
    : null
  if (moved) return moved
  const password = secrets.get('wordpressPassword', urlOrigin(settings.wordpressUrl))
  if (!settings.wordpressUrl || !settings.wordpressUser || !password) {
    return 'WordPress needs a site URL, a user and an application password in Desk settings.'
  }
  return new WordPressClient({
    siteUrl: settings.wordpressUrl,
    user: settings.wordpressUser,
    password,
    status: settings.wordpressStatus,
    deskId: options.deskId,
    layout: {
      deck: settings.wordpressDeck,
      linkRel: settings.wordpressLinkRel,
      sourceRel: settings.wordpressSourceRel,
    },
    summaryLimit: settings.summaryLimit,
    language: settings.language,
    timeoutMs: options.timeoutMs,
  })
}

function movedSecret(
  name: SecretName,
  label: string,
  url: string,
  secrets: CmsSecrets,
): string | null {
  const bound = secrets.boundOrigin(name)
  const now = urlOrigin(url)
  if (!bound || bound === now) return null
  return `The ${label} was entered for ${bound}, and the target now points to ${now ?? url}: enter it again in Desk settings (it is never sent to another address).`
}
