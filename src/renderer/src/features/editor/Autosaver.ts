import { Article, EditableFields } from '../../../../shared/domain/Article'
import { systemClock } from '../../../../shared/domain/Clock'
import { AppError } from '../../../../shared/ipc/AppError'
import type { SaveArticleInput } from '../../../../shared/ipc/contract'
import { detailsOf } from '../../../../shared/ipc/createClient'
import { pauseDelay } from '../../pauseDelay'
import { savableChanges } from './savableChanges'
import { retryDelay, type SaveState } from './SaveState'
import { UnsavedBackup } from './UnsavedBackup'

export type Field = keyof EditableFields

/** Reads a field's current value at save time, so typing never serializes the body. */
type Reader = () => EditableFields[Field]

export type AutosaverOptions = {
  article: Article
  save: (input: SaveArticleInput) => Promise<Article>
  onState: (state: SaveState) => void
  debounceMs?: number
  /** The longest a change waits while typing goes on without a pause. */
  maxWaitMs?: number
  backup?: UnsavedBackup
  /** Fields restored from a backup, to be saved as soon as possible. */
  restored?: Partial<EditableFields>
}

/**
 * Saves an article shortly after typing stops. A failed save keeps every change pending, backs it up
 * locally and retries with backoff; a conflict stops and waits for the editor to decide. One save is
 * in flight at a time, each based on the revision the previous one returned.
 */
export class Autosaver {
  private dirty = new Map<Field, Reader>()
  /** Changed fields the store cannot keep as they stand; sent again once edited. */
  private held = new Map<Field, Reader>()
  private heldReason = ''
  private readonly savedListeners = new Set<(article: Article) => void>()
  private timer: ReturnType<typeof setTimeout> | undefined
  /** When the oldest change not yet sent was made. */
  private pendingSince: number | undefined
  private reported: SaveState['kind'] | undefined
  private inFlight: Promise<void> | undefined
  private attempt = 0
  private base: number
  /** Set when the editor is gone: save what is pending once, but retry no more (the backup keeps it). */
  private released = false
  private conflicted = false
  private readonly backup: UnsavedBackup

  constructor(private readonly options: AutosaverOptions) {
    this.base = options.article.revision
    this.backup = options.backup ?? new UnsavedBackup(options.article.id)
    const restored = Object.entries(options.restored ?? {})
    if (restored.length > 0) {
      queueMicrotask(() => {
        for (const [field, value] of restored) if (isField(field)) this.change(field, () => value)
      })
    }
  }

  /** Calls `listener` with every article the store acknowledges; returns the unsubscribe. */
  onSaved(listener: (article: Article) => void): () => void {
    this.savedListeners.add(listener)
    return () => this.savedListeners.delete(listener)
  }

  get revision(): number {
    return this.base
  }

  get hasUnsaved(): boolean {
    return this.dirty.size > 0 || this.held.size > 0 || this.inFlight !== undefined
  }

  /** Marks a field as changed, with how to read its value when saving, and schedules a save. */
  change<F extends Field>(field: F, read: () => EditableFields[F]): void {
    this.dirty.set(field, read)
    this.held.delete(field)
    this.released = false
    if (this.conflicted) return
    this.report({ kind: 'unsaved' })
    this.pendingSince ??= systemClock.now().getTime()
    this.schedule(this.nextDelay())
  }

  /** Saves now (menu Save, Ctrl+S, closing the article); resolves when nothing is pending or it failed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.inFlight) await this.inFlight
    if (this.dirty.size === 0 || this.conflicted) return
    this.inFlight = this.send().finally(() => {
      this.inFlight = undefined
    })
    await this.inFlight
  }

  /** After a conflict: keep my text and save it on top of the stored revision `onto`. */
  resolveKeepingMine(onto: number): void {
    this.base = onto
    this.conflicted = false
    this.report({ kind: 'unsaved' })
    void this.flush()
  }

  /** The editor closes: saves what is pending now instead of after the debounce, without retrying. */
  release(): void {
    this.released = true
    if (this.conflicted) return
    void this.flush()
  }

  /** Drops pending changes and their backup (the editor chose the stored version). */
  discard(): void {
    clearTimeout(this.timer)
    this.dirty.clear()
    this.held.clear()
    this.pendingSince = undefined
    this.conflicted = false
    this.backup.clear()
  }

  /** Tells the screen the save state; a repeat of 'unsaved' on every keystroke would re-render it for nothing. */
  private report(state: SaveState): void {
    if (state.kind === 'unsaved' && this.reported === 'unsaved') return
    this.reported = state.kind
    this.options.onState(state)
  }

  /** A pause in typing, but never longer than the max wait since the oldest unsent change. */
  private nextDelay(): number {
    const now = systemClock.now().getTime()
    // Typing without a pause must still reach the disk: a crash would otherwise take minutes of copy.
    const { debounceMs = 800, maxWaitMs = 5_000 } = this.options
    return pauseDelay(this.pendingSince ?? now, now, debounceMs, maxWaitMs)
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), delay)
  }

  private async send(): Promise<void> {
    const sent = new Map(this.dirty)
    const { changes, heldBack } = savableChanges(readAll(sent))
    this.dirty.clear()
    this.pendingSince = undefined
    if (heldBack) {
      const read = sent.get(heldBack.field)
      if (read) this.held.set(heldBack.field, read)
      sent.delete(heldBack.field)
      this.heldReason = heldBack.reason
    }
    if (sent.size === 0) return this.reportHeld()
    // Kept until the store acknowledges it, so a crash mid-save still finds the text on reopening.
    this.backup.write(this.base, changes)
    this.report({ kind: 'saving' })
    try {
      const saved = await this.options.save({
        id: this.options.article.id,
        baseRevision: this.base,
        changes,
      })
      this.base = saved.revision
      this.attempt = 0
      this.backup.clear()
      for (const listener of this.savedListeners) listener(saved)
      if (this.dirty.size > 0) {
        this.report({ kind: 'unsaved' })
        // Not at once: during steady typing that would save on every round trip.
        this.schedule(this.nextDelay())
      } else if (this.held.size > 0) {
        this.reportHeld()
      } else {
        this.report({ kind: 'saved', at: saved.updatedAt })
      }
    } catch (error) {
      for (const [field, read] of sent) if (!this.dirty.has(field)) this.dirty.set(field, read)
      this.backupPending()
      if (error instanceof AppError && error.code === 'CONFLICT') {
        this.conflicted = true
        const current = detailsOf(error, 'saveArticle', 'CONFLICT')?.current
        if (current) return this.report({ kind: 'conflict', reason: error.message, current })
      }
      const reason = error instanceof Error ? error.message : String(error)
      if (error instanceof AppError && error.code === 'INVALID_INPUT') {
        // Retrying cannot help; the next edit tries again.
        return this.report({ kind: 'failed', reason, retryAt: null })
      }
      this.attempt += 1
      const delay = retryDelay(this.attempt)
      this.report({ kind: 'failed', reason, retryAt: systemClock.now().getTime() + delay })
      if (!this.released && !this.conflicted) this.schedule(delay)
    }
  }

  /** Never "Saved" while a typed field was left out: it says what to fix, and waits for the edit. */
  private reportHeld(): void {
    this.report({ kind: 'failed', reason: this.heldReason, retryAt: null })
  }

  private backupPending(): void {
    this.backup.write(this.base, savableChanges(readAll(this.dirty)).changes)
  }
}

function readAll(readers: Map<Field, Reader>): Partial<EditableFields> {
  return Object.fromEntries([...readers].map(([field, read]) => [field, read()]))
}

function isField(key: string): key is Field {
  return key in EditableFields.shape
}
