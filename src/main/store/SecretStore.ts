import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { DurableJsonFile } from './DurableJsonFile'

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
})
type SecretsFile = z.infer<typeof SecretsFile>

/**
 * Tokens and passwords for the CMS targets, in secrets.json apart from the article store, readable
 * only by the user (0600), encrypted with the OS keychain where Electron offers it. They never
 * travel back to the renderer, and never into a log or an export.
 */
export class SecretStore {
  private constructor(
    private readonly path: string,
    private readonly db: Low<SecretsFile>,
    private readonly cipher: SecretCipher | null,
  ) {}

  static async open(dataDir: string, cipher: SecretCipher | null): Promise<SecretStore> {
    const path = join(dataDir, 'secrets.json')
    const db = new Low<SecretsFile>(
      new DurableJsonFile(path, (d) => SecretsFile.parse(d), 'secrets file'),
      {
        protection: cipher ? 'os-keychain' : 'file-permissions',
        values: {},
      },
    )
    await db.read().catch(() => undefined)
    return new SecretStore(path, db, cipher)
  }

  get protection(): SecretsFile['protection'] {
    return this.cipher ? 'os-keychain' : 'file-permissions'
  }

  get(name: SecretName): string | null {
    const stored = this.db.data.values[name]
    if (stored === undefined) return null
    if (this.db.data.protection === 'os-keychain')
      return this.cipher ? this.cipher.decrypt(stored) : null
    return stored
  }

  has(name: SecretName): boolean {
    return this.get(name) !== null
  }

  async set(name: SecretName, value: string | null): Promise<void> {
    // Re-seal everything under the current protection, so a file never mixes two kinds.
    const plain = new Map<string, string>()
    for (const key of SecretName.options) {
      const current = key === name ? value : this.get(key)
      if (current) plain.set(key, current)
    }
    const seal = (text: string) => (this.cipher ? this.cipher.encrypt(text) : text)
    this.db.data = {
      protection: this.protection,
      values: Object.fromEntries([...plain].map(([k, v]) => [k, seal(v)])),
    }
    await this.db.write()
    await chmod(this.path, 0o600).catch(() => undefined)
  }
}
