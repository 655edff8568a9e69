import type { DeskSettings } from '../../shared/domain/DeskSettings'
import type { SecretStatus } from '../../shared/domain/SecretStatus'
import { AppError } from '../../shared/ipc/AppError'
import { isPlainHttpRemote } from '../../cms/siteKey'
import { urlOrigin } from '../../cms/urlOrigin'
import { signInToWordPress } from '../../cms/wordPressSignIn'
import type { SettingsStore } from '../store/SettingsStore'
import type { SecretName, SecretStore } from '../store/SecretStore'

const URL_OF: Record<SecretName, 'webhookUrl' | 'wordpressUrl'> = {
  webhookToken: 'webhookUrl',
  wordpressPassword: 'wordpressUrl',
}
const LABEL: Record<SecretName, string> = {
  webhookToken: 'webhook token',
  wordpressPassword: 'WordPress application password',
}


/**
 * The CMS targets' settings and secrets together, so a secret stays bound to the address it was
 * entered for: saving a URL with another origin forgets the secret for the old one, and a secret is
 * stored for the URL saved at that moment. Also checks WordPress credentials (Test connection).
 */
export class CmsTargets {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly timeoutMs?: number,
  ) {}

  /** Binds secrets kept by an older Copydesk to the addresses the desk has now. */
  async bindUnbound(): Promise<void> {
    const current = this.settings.get()
    await this.secrets.bindUnbound({
      webhookToken: urlOrigin(current.webhookUrl),
      wordpressPassword: urlOrigin(current.wordpressUrl),
    })
  }

  /**
   * Saves the settings; a target moved to another origin loses its secret (listed in `cleared`).
   * `warnings` says what will not work as saved: a WordPress site on plain http:// (not local),
   * where WordPress refuses application passwords and the password would travel unencrypted.
   */
  async save(
    next: DeskSettings,
  ): Promise<{ settings: DeskSettings; cleared: SecretName[]; warnings: string[] }> {
    const saved = await this.settings.save(next)
    const cleared: SecretName[] = []
    for (const name of ['webhookToken', 'wordpressPassword'] as const) {
      const bound = this.secrets.boundOrigin(name)
      if (bound && bound !== urlOrigin(saved[URL_OF[name]])) {
        await this.secrets.set(name, null, null)
        cleared.push(name)
      }
    }
    const warnings: string[] = []
    if (isPlainHttpRemote(saved.wordpressUrl))
      warnings.push(
        `The WordPress site URL is http:// (${saved.wordpressUrl}): WordPress accepts application passwords only over HTTPS (or on a site set up as a local environment), and over http the password would cross the network unencrypted. Use the site's https:// address.`,
      )
    if (isPlainHttpRemote(saved.webhookUrl))
      warnings.push(
        `The webhook URL is http:// (${saved.webhookUrl}): its token and the stories would cross the network unencrypted. Use https:// if the webhook offers it.`,
      )
    return { settings: saved, cleared, warnings }
  }

  /** Stores a secret for the target's saved URL (empty removes it). */
  async setSecret(name: SecretName, value: string): Promise<SecretStatus> {
    const url = this.settings.get()[URL_OF[name]]
    const origin = urlOrigin(url)
    if (value && !origin)
      throw new AppError(
        'REFUSED',
        `Save the ${name === 'webhookToken' ? 'webhook URL' : 'WordPress site URL'} first: the ${LABEL[name]} is kept for that address only.`,
      )
    await this.secrets.set(name, value || null, origin)
    return this.status()
  }

  status(): SecretStatus {
    const current = this.settings.get()
    return {
      webhookToken: this.secrets.has('webhookToken', urlOrigin(current.webhookUrl)),
      wordpressPassword: this.secrets.has('wordpressPassword', urlOrigin(current.wordpressUrl)),
      protection: this.secrets.protection,
    }
  }

  /**
   * Signs in to WordPress (GET /wp-json/wp/v2/users/me) with the given or saved details. A saved
   * password is used only for the origin it was entered for.
   */
  async testWordPress(input: {
    url?: string | undefined
    user?: string | undefined
    password?: string | undefined
  }): Promise<{ ok: boolean; message: string }> {
    const current = this.settings.get()
    const url = (input.url ?? current.wordpressUrl).trim()
    const user = (input.user ?? current.wordpressUser).trim()
    const origin = urlOrigin(url)
    if (!origin)
      return { ok: false, message: 'Enter the WordPress site URL (http or https) first.' }
    if (!user) return { ok: false, message: 'Enter the WordPress user first.' }
    const password = input.password || this.secrets.get('wordpressPassword', origin)
    if (!password) {
      const bound = this.secrets.boundOrigin('wordpressPassword')
      return {
        ok: false,
        message: bound
          ? `The saved application password is for ${bound}, not ${origin}: enter it for this site.`
          : 'Enter the WordPress application password first.',
      }
    }
    try {
      const me = await signInToWordPress({
        siteUrl: url,
        user,
        password,
        timeoutMs: this.timeoutMs,
      })
      const warning =
        current.wordpressStatus === 'publish' && !me.canPublish
          ? ' This user may not publish posts: give them the Author or Editor role, or choose Pending review as the post status.'
          : ''
      return { ok: !warning, message: `Signed in to WordPress as ${me.name}.${warning}` }
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) }
    }
  }
}
