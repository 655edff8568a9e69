import type { DeskSettings } from '../../shared/domain/DeskSettings'
import type { PushTarget } from '../../shared/domain/OutboxItem'
import type { SecretStore } from '../store/SecretStore'
import type { CmsClient } from './CmsClient'
import { WebhookClient } from './WebhookClient'
import { WordPressClient } from './WordPressClient'

/** The client for a push target as the desk configured it, or what is missing. */
export function clientForTarget(
  target: PushTarget,
  settings: DeskSettings,
  secrets: SecretStore,
  timeoutMs?: number,
): CmsClient | string {
  if (target === 'webhook') {
    if (!settings.webhookUrl) return 'No webhook URL is set in Desk settings.'
    return new WebhookClient(settings.webhookUrl, secrets.get('webhookToken'), timeoutMs)
  }
  const password = secrets.get('wordpressPassword')
  if (!settings.wordpressUrl || !settings.wordpressUser || !password) {
    return 'WordPress needs a site URL, a user and an application password in Desk settings.'
  }
  return new WordPressClient({
    siteUrl: settings.wordpressUrl,
    user: settings.wordpressUser,
    password,
    status: settings.wordpressStatus,
    timeoutMs,
  })
}
