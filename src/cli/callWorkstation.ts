import type { z } from 'zod'
import type { Workstation } from '../main/openWorkstation'
import { DeskSettings } from '../shared/domain/DeskSettings'
import type { SecretName } from '../shared/domain/SecretStatus'
import { SaveSettingsOutput } from '../shared/ipc/contract'
import { EXIT, failed, type ConfigIo } from './ConfigIo'

const CLEARED: Record<SecretName, string> = {
  wordpressPassword:
    'The WordPress site moved to another address: its application password was cleared. Set it again with --password-stdin.',
  webhookToken:
    'The webhook moved to another address: its token was cleared. Set it again with --token-stdin.',
}

/**
 * One call through the workstation's dispatcher (the app's own calls, checked by the same
 * contract), its answer parsed with `schema`; a refusal's message otherwise.
 */
export async function callWorkstation<T>(
  ws: Workstation,
  method: string,
  input: unknown,
  schema: z.ZodType<T>,
): Promise<T | string> {
  const result = await ws.dispatch(method, input)
  if (!result.ok) return result.error.message
  const parsed = schema.safeParse(result.value)
  return parsed.success ? parsed.data : `Unexpected answer from ${method}: ${parsed.error.message}`
}

export function readSettings(ws: Workstation): Promise<DeskSettings | string> {
  return callWorkstation(ws, 'getSettings', {}, DeskSettings)
}

/** Saves the settings; says what a moved URL cost, and what will not work as saved. */
export async function saveSettings(
  ws: Workstation,
  settings: DeskSettings,
  io: ConfigIo,
  done: string,
): Promise<number> {
  const saved = await callWorkstation(ws, 'saveSettings', settings, SaveSettingsOutput)
  if (typeof saved === 'string') return failed(io, saved)
  io.out(done)
  for (const name of saved.cleared) io.err(CLEARED[name])
  for (const warning of saved.warnings) io.err(`copydesk: warning: ${warning}`)
  return EXIT.ok
}
