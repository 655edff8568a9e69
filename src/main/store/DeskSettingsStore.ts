import { join } from 'node:path'
import { Low } from 'lowdb'
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../../shared/domain/DeskSettings'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'

/** The desk's settings in settings.json; a damaged file is set aside and the defaults apply. */
export class DeskSettingsStore {
  private constructor(private readonly db: Low<DeskSettings>) {}

  static async open(dataDir: string, quarantine: Quarantine): Promise<DeskSettingsStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'settings.json'),
      (d) => DeskSettings.parse(d),
      'settings file',
    )
    const db = new Low<DeskSettings>(adapter, { ...DEFAULT_DESK_SETTINGS })
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      await quarantine.add(error.path, error.reason)
    }
    return new DeskSettingsStore(db)
  }

  get(): DeskSettings {
    return structuredClone(this.db.data)
  }

  async save(settings: DeskSettings): Promise<DeskSettings> {
    this.db.data = DeskSettings.parse(settings)
    await this.db.write()
    return this.get()
  }
}
