import { join } from 'node:path'
import { z } from 'zod'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { log } from '../log/log'
import { JsonDocument } from './JsonDocument'
import { OWNER_ONLY_FILE } from './ownerOnly'
import type { Quarantine } from './Quarantine'

export const SecretName = z.enum(['webhookToken', 'wordpressPassword'])
export type SecretName = z.infer<typeof SecretName>

/** Every secret the file keeps: the CMS targets' and the device token of the desk this workstation joined. */
const StoredSecretName = z.enum([...SecretName.options, 'deskToken'])
export type StoredSecretName = z.infer<typeof StoredSecretName>

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
 * Tokens and passwords for the CMS targets (and the device token of a joined desk), in secrets.json
 * apart from the article store, readable only by the user (0600), encrypted with the OS keychain
 * where Electron offers it. They never travel back to the renderer, and never into a log or an export. Each is bound to the origin it was
 * entered for: asked for another origin, the store has nothing to give.
 */
export class SecretStore {
  private constructor(
    private readonly doc: JsonDocument<SecretsFile>,
    private readonly cipher: SecretCipher | null,
    private readonly access: DataDirAccess,
  ) {}

  /**
   * A damaged secrets file is set aside like any other (the secrets are typed again), and so is one
   * sealed with a key this keychain cannot open; one that cannot be read for another reason (another
   * user's, a disk error) stops the start, naming the file. The file is created readable by its
   * owner only (0600) from its first byte.
   */
  static async open(
    dataDir: string,
    cipher: SecretCipher | null,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<SecretStore> {
    const doc = await JsonDocument.open({
      path: join(dataDir, 'secrets.json'),
      what: 'secrets file',
      parse: (d) => SecretsFile.superRefine(openableWith(cipher)).parse(d),
      defaults: (): SecretsFile => ({
        protection: cipher ? 'os-keychain' : 'file-permissions',
        values: {},
        origins: {},
      }),
      quarantine,
      access,
      mode: OWNER_ONLY_FILE,
    })
    return new SecretStore(doc, cipher, access)
  }

  get protection(): SecretsFile['protection'] {
    return this.cipher ? 'os-keychain' : 'file-permissions'
  }

  /** The secret, only for the origin it was entered for. */
  get(name: StoredSecretName, origin: string | null): string | null {
    if (!origin || this.doc.data.origins[name] !== origin) return null
    return this.read(name)
  }

  has(name: StoredSecretName, origin: string | null): boolean {
    return this.get(name, origin) !== null
  }

  /** The origin a stored secret is bound to; null when there is no such secret. */
  boundOrigin(name: StoredSecretName): string | null {
    return this.read(name) === null ? null : (this.doc.data.origins[name] ?? null)
  }

  /** Stores a secret for `origin`; an empty value removes it. */
  async set(name: StoredSecretName, value: string | null, origin: string | null): Promise<void> {
    if (value) log.addSecret(value)
    const plain = new Map<string, [string, string]>()
    for (const key of StoredSecretName.options) {
      const current: [string | null, string | null] =
        key === name ? [value, origin] : [this.read(key), this.doc.data.origins[key] ?? null]
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
      (key) => this.read(key) !== null && !this.doc.data.origins[key],
    )
    if (unbound.length === 0) return
    const plain = new Map<string, [string, string]>()
    for (const key of StoredSecretName.options) {
      const value = this.read(key)
      const origin = this.doc.data.origins[key] ?? (key === 'deskToken' ? null : origins[key])
      if (value && origin) plain.set(key, [value, origin])
    }
    await this.write(plain)
  }

  private read(name: StoredSecretName): string | null {
    const stored = this.doc.data.values[name]
    if (stored === undefined) return null
    const plain =
      this.doc.data.protection === 'os-keychain'
        ? this.cipher && this.cipher.decrypt(stored)
        : stored
    // Whatever a failure's message quotes, a token never reaches the log.
    if (plain) log.addSecret(plain)
    return plain
  }

  /** Re-seals everything under the current protection, so a file never mixes two kinds. */
  private async write(plain: Map<string, [string, string]>): Promise<void> {
    const seal = (text: string) => (this.cipher ? this.cipher.encrypt(text) : text)
    await this.doc.save({
      protection: this.protection,
      values: Object.fromEntries([...plain].map(([k, [v]]) => [k, seal(v)])),
      origins: Object.fromEntries([...plain].map(([k, [, o]]) => [k, o])),
    })
  }
}

/**
 * Secrets sealed by the OS keychain must open with this computer's keychain: a file copied from
 * another computer or user, or a keychain that was reset, holds values nothing here can read, and
 * is damaged for this desk (set aside, the secrets typed again), not an error at every push.
 */
function openableWith(cipher: SecretCipher | null) {
  return (file: SecretsFile, ctx: z.RefinementCtx) => {
    if (file.protection !== 'os-keychain' || !cipher) return
    for (const [name, sealed] of Object.entries(file.values)) {
      try {
        cipher.decrypt(sealed)
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['values', name],
          message: 'sealed with a key this computer’s keychain cannot open',
        })
      }
    }
  }
}
