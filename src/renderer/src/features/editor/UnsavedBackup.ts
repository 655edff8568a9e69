import { EditableFields } from '../../../../shared/domain/Article'
import { z } from 'zod'
import { isoNow, systemClock } from '../../../../shared/domain/Clock'

const Backup = z.object({
  baseRevision: z.number().int(),
  changes: EditableFields.partial(),
  at: z.string(),
})
export type Backup = z.infer<typeof Backup>

/**
 * A copy of changes the store has not acknowledged yet, kept in the page's own storage so a crash
 * or a closed window while the store is unreachable loses nothing.
 */
export class UnsavedBackup {
  private readonly key: string

  constructor(
    articleId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage,
  ) {
    this.key = `copydesk:unsaved:${articleId}`
  }

  write(baseRevision: number, changes: Partial<EditableFields>): void {
    try {
      this.storage.setItem(
        this.key,
        JSON.stringify({ baseRevision, changes, at: isoNow(systemClock) }),
      )
    } catch (error) {
      // Storage full or disabled: the changes stay pending in memory and keep retrying.
      console.warn('Copydesk: the unsaved changes could not be kept in local storage', error)
    }
  }

  read(): Backup | null {
    try {
      const parsed = Backup.safeParse(JSON.parse(this.storage.getItem(this.key) ?? 'null'))
      return parsed.success ? parsed.data : null
    } catch (error) {
      console.warn('Copydesk: the local copy of unsaved changes could not be read', error)
      return null
    }
  }

  clear(): void {
    this.storage.removeItem(this.key)
  }
}
