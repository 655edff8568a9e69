/** The fuses issue 17 asks for in the shipped app. */
export const RELEASE_FUSES: Readonly<Record<string, boolean>>
/** The PNG sizes of the icon set, 16 px to 1024 px. */
export const ICON_SIZES: readonly number[]
/** Loads an electron-builder configuration as electron-builder does and checks it against issue 17. */
export function checkDistConfig(options: {
  projectDir: string
  configFile: string
  kind: 'release' | 'e2e'
}): Promise<{ problems: string[]; config: Record<string, unknown> | null }>
