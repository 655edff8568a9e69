import { z } from 'zod'
import { DeskSettings, DeskSettingsInput } from '../../domain/DeskSettings'
import { SecretName, SecretStatus } from '../../domain/SecretStatus'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { ReadOnlyDetails } from './commonErrors'

/** What a settings save did: the settings, the secrets a moved address cleared, what will not work. */
export const SaveSettingsOutput = z.object({
  settings: DeskSettings,
  cleared: z.array(SecretName),
  warnings: z.array(z.string()),
})
export type SaveSettingsOutput = z.infer<typeof SaveSettingsOutput>

export const TestConnectionOutput = z.object({ ok: z.boolean(), message: z.string() })

/** The desk settings, the CMS targets and their secrets. */
export const settingsCalls = {
  getSettings: { input: NoInput, output: DeskSettings, errors: {}, writes: false },
  saveSettings: {
    input: DeskSettingsInput,
    output: SaveSettingsOutput,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  /** Signs in to the CMS with what is saved (or given); records nothing. */
  testConnection: {
    input: z.strictObject({
      target: z.literal('wordpress'),
      url: z.string().max(2000).optional(),
      user: z.string().max(200).optional(),
      password: z.string().max(2000).optional(),
    }),
    output: TestConnectionOutput,
    errors: {},
    writes: false,
  },
  setSecret: {
    input: z.strictObject({ name: SecretName, value: z.string().max(2000) }),
    output: SecretStatus,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  getSecretStatus: { input: NoInput, output: SecretStatus, errors: {}, writes: false },
} satisfies CallGroup
