import type { Clock } from '../../../../shared/domain/Clock'

/**
 * The export panel's last line, kept for a while per story. A push or export that changes the
 * story reloads the editor, often more than once in a few seconds (the push's own reload, the
 * desk's change heard through the feed, the outbox turning live), and the line saying what
 * happened must survive every one of them, not only the first.
 */
export class CarriedLines {
  private readonly lines = new Map<string, { text: string | null; at: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly keepMs = 5_000,
  ) {}

  keep(id: string, text: string | null): void {
    this.forgetOld()
    this.lines.set(id, { text, at: this.clock.now().getTime() })
  }

  /** The story's line if it was set within the last few seconds; reading it leaves it in place. */
  read(id: string): string | null {
    this.forgetOld()
    return this.lines.get(id)?.text ?? null
  }

  private forgetOld(): void {
    const now = this.clock.now().getTime()
    for (const [id, line] of this.lines) if (now - line.at >= this.keepMs) this.lines.delete(id)
  }
}
