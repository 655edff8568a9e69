import { join } from 'node:path'
import { Low } from 'lowdb'
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../../shared/domain/DeskSettings'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'
import type { SettingsStore } from './SettingsStore'

/** The desk's settings in settings.json; a damaged file is set aside and the defaults apply. */
export class DeskSettingsStore implements SettingsStore {
  private constructor(
    private readonly db: Low<DeskSettings>,
    private readonly access: DataDirAccess,
  ) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<DeskSettingsStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'settings.json'),
      (d) => DeskSettings.parse(d),
      'settings file',
    )
    const db = new Low<DeskSettings>(adapter, { ...DEFAULT_DESK_SETTINGS })
    try {
      await db.read()
    } catch (error) {
      if (!(await quarantine.report(error))) throw error
    }
    return new DeskSettingsStore(db, access)
  }

  get(): DeskSettings {
    return structuredClone(this.db.data)
  }

  async save(settings: DeskSettings): Promise<DeskSettings> {
    assertWritable(this.access)
    this.db.data = DeskSettings.parse(settings)
    await this.db.write()
    return this.get()
  }
}
