import type { DeskSettings } from '../../shared/domain/DeskSettings'

/** The desk's settings: read synchronously (they are small and kept in memory), saved durably. */
export interface SettingsStore {
  get(): DeskSettings
  save(settings: DeskSettings): Promise<DeskSettings>
}
