import type { OutboxLog } from './OutboxContext'

const WITHHELD = '[secret withheld]'

/**
 * Keeps the CMS secrets this process has opened out of what it writes: a CMS (or a proxy in front
 * of it) that echoes the request's Authorization header in an error page must not put a token into
 * the outbox's last error, an answer or a log line. A WordPress password is also withheld in the
 * Basic form it travels in (base64 of user:password).
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>()

  add(secret: string, user?: string): void {
    if (secret.length >= 4) this.secrets.add(secret)
    if (user !== undefined) this.secrets.add(Buffer.from(`${user}:${secret}`).toString('base64'))
  }

  redact(text: string): string {
    let redacted = text
    for (const secret of this.secrets) redacted = redacted.split(secret).join(WITHHELD)
    return redacted
  }

  /** `log` with every message and text field redacted. */
  log(log: OutboxLog): OutboxLog {
    return (level, message, fields = {}) =>
      log(
        level,
        this.redact(message),
        Object.fromEntries(
          Object.entries(fields).map(([name, value]) => [
            name,
            typeof value === 'string' ? this.redact(value) : value,
          ]),
        ),
      )
  }
}
