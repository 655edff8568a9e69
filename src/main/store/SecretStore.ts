import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'

export const SecretName = z.enum(['webhookToken', 'wordpressPassword'])
export type SecretName = z.infer<typeof SecretName>

/** Encrypts secrets at rest; the desktop app passes Electron's safeStorage (the OS keychain). */
export type SecretCipher = {
  kind: 'os-keychain'
  encrypt: (plain: string) => string
  decrypt: (sealed: string) => string
}

const SecretsFile = z.object({
  protection: z.enum(['os-keychain', 'file-permissions']),
  values: z.record(z.string(), z.string()),
  /** The origin (scheme, host, port) each secret was entered for; it is never sent anywhere else. */
  origins: z.record(z.string(), z.string()).default({}),
})
type SecretsFile = z.infer<typeof SecretsFile>

/**
 * Tokens and passwords for the CMS targets, in secrets.json apart from the article store, readable
 * only by the user (0600), encrypted with the OS keychain where Electron offers it. They never
 * travel back to the renderer, and never into a log or an export. Each is bound to the origin it was
 * entered for: asked for another origin, the store has nothing to give.
 */
export class SecretStore {
  private constructor(
    private readonly path: string,
    private readonly db: Low<SecretsFile>,
    private readonly cipher: SecretCipher | null,
    private readonly access: DataDirAccess,
  ) {}

  /**
   * A damaged secrets file is set aside like any other (the secrets are typed again); one that cannot
   * be read for another reason (another user's, a disk error) stops the start, naming the file.
   */
  static async open(
    dataDir: string,
    cipher: SecretCipher | null,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<SecretStore> {
    const path = join(dataDir, 'secrets.json')
    const db = new Low<SecretsFile>(
      new DurableJsonFile(path, (d) => SecretsFile.parse(d), 'secrets file'),
      {
        protection: cipher ? 'os-keychain' : 'file-permissions',
        values: {},
        origins: {},
      },
    )
    await db.read().catch(async (error: unknown) => {
      if (!(await quarantine.report(error))) throw error
    })
    return new SecretStore(path, db, cipher, access)
  }

  get protection(): SecretsFile['protection'] {
    return this.cipher ? 'os-keychain' : 'file-permissions'
  }

  /** The secret, only for the origin it was entered for. */
  get(name: SecretName, origin: string | null): string | null {
    if (!origin || this.db.data.origins[name] !== origin) return null
    return this.read(name)
  }

  has(name: SecretName, origin: string | null): boolean {
    return this.get(name, origin) !== null
  }

  /** The origin a stored secret is bound to; null when there is no such secret. */
  boundOrigin(name: SecretName): string | null {
    return this.read(name) === null ? null : (this.db.data.origins[name] ?? null)
  }

  /** Stores a secret for `origin`; an empty value removes it. */
  async set(name: SecretName, value: string | null, origin: string | null): Promise<void> {
    const plain = new Map<string, [string, string]>()
    for (const key of SecretName.options) {
      const current: [string | null, string | null] =
        key === name ? [value, origin] : [this.read(key), this.db.data.origins[key] ?? null]
      if (current[0] && current[1]) plain.set(key, [current[0], current[1]])
    }
    await this.write(plain)
  }

  /**
   * Secrets saved before they were bound (an older Copydesk) are bound to the URL the desk has now;
   * one with no URL to bind to is dropped rather than kept for whatever URL comes next. A read-only
   * folder is left as it is: an unbound secret is then simply not given to any address.
   */
  async bindUnbound(origins: Record<SecretName, string | null>): Promise<void> {
    if (this.access.readOnly) return
    const unbound = SecretName.options.filter(
      (key) => this.read(key) !== null && !this.db.data.origins[key],
    )
    if (unbound.length === 0) return
    const plain = new Map<string, [string, string]>()
    for (const key of SecretName.options) {
      const value = this.read(key)
      const origin = this.db.data.origins[key] ?? origins[key]
      if (value && origin) plain.set(key, [value, origin])
    }
    await this.write(plain)
  }

  private read(name: SecretName): string | null {
    const stored = this.db.data.values[name]
    if (stored === undefined) return null
    if (this.db.data.protection === 'os-keychain')
      return this.cipher ? this.cipher.decrypt(stored) : null
    return stored
  }

  /** Re-seals everything under the current protection, so a file never mixes two kinds. */
  private async write(plain: Map<string, [string, string]>): Promise<void> {
    assertWritable(this.access)
    const seal = (text: string) => (this.cipher ? this.cipher.encrypt(text) : text)
    this.db.data = {
      protection: this.protection,
      values: Object.fromEntries([...plain].map(([k, [v]]) => [k, seal(v)])),
      origins: Object.fromEntries([...plain].map(([k, [, o]]) => [k, o])),
    }
    await this.db.write()
    await chmod(this.path, 0o600).catch(() => undefined)
  }
}
