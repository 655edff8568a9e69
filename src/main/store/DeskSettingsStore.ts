import { join } from 'node:path'
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../../shared/domain/DeskSettings'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { JsonDocument } from './JsonDocument'
import type { Quarantine } from './Quarantine'
import type { SettingsStore } from './SettingsStore'

/** The desk's settings in settings.json; a damaged file is set aside and the defaults apply. */
export class DeskSettingsStore implements SettingsStore {
  private constructor(private readonly doc: JsonDocument<DeskSettings>) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<DeskSettingsStore> {
    const doc = await JsonDocument.open({
      path: join(dataDir, 'settings.json'),
      what: 'settings file',
      parse: (d) => DeskSettings.parse(d),
      defaults: () => ({ ...DEFAULT_DESK_SETTINGS }),
      quarantine,
      access,
    })
    return new DeskSettingsStore(doc)
  }

  get(): DeskSettings {
    return structuredClone(this.doc.data)
  }

  async save(settings: DeskSettings): Promise<DeskSettings> {
    await this.doc.save(DeskSettings.parse(settings))
    return this.get()
  }
}
