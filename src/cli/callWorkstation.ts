import type { Workstation } from '../main/openWorkstation'
import type { DeskSettings } from '../shared/domain/DeskSettings'
import type { SecretName } from '../shared/domain/SecretStatus'
import { toSerializedError } from '../shared/ipc/AppError'
import { EXIT, failed, type ConfigIo } from './ConfigIo'

const CLEARED: Record<SecretName, string> = {
  wordpressPassword:
    'The WordPress site moved to another address: its application password was cleared. Set it again with --password-stdin.',
  webhookToken:
    'The webhook moved to another address: its token was cleared. Set it again with --token-stdin.',
}

/** A call's answer, or its refusal's message (one line for the user). */
export async function answerOrMessage<T>(call: Promise<T>): Promise<T | string> {
  try {
    return await call
  } catch (error) {
    return toSerializedError(error).message
  }
}

export function readSettings(ws: Workstation): Promise<DeskSettings | string> {
  return answerOrMessage(ws.client.getSettings({}))
}

/** Saves the settings; says what a moved URL cost, and what will not work as saved. */
export async function saveSettings(
  ws: Workstation,
  settings: DeskSettings,
  io: ConfigIo,
  done: string,
): Promise<number> {
  const saved = await answerOrMessage(ws.client.saveSettings(settings))
  if (typeof saved === 'string') return failed(io, saved)
  io.out(done)
  for (const name of saved.cleared) io.err(CLEARED[name])
  for (const warning of saved.warnings) io.err(`copydesk: warning: ${warning}`)
  return EXIT.ok
}
