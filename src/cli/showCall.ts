import { AppError, toSerializedError } from '../shared/ipc/AppError'
import type { Client } from '../shared/ipc/createClient'
import type { CommandContext } from './CliCommand'
import { EXIT, type ConfigIo } from './ConfigIo'

/**
 * Makes one typed call through the workstation's client and prints its answer: as JSON with
 * --json, else as `format` says. A refusal is one line on stderr, exit 1; so is an answer that
 * `failsWhen` says is a failure for scripts (validation problems, a push not sent).
 */
export function showCall<T>(
  context: CommandContext,
  send: (client: Client) => Promise<T>,
  format: (value: T) => string,
  failsWhen?: (value: T) => boolean,
): Promise<number> {
  const { io, values } = context
  return context.withWorkstation(async (workstation) => {
    let value: T
    try {
      value = await send(workstation.client)
    } catch (error) {
      return fail(io, values.json, error)
    }
    io.out(values.json ? JSON.stringify(value, null, 2) : format(value))
    return failsWhen?.(value) ? EXIT.failed : EXIT.ok
  })
}

/** A failed command: `copydesk: <message>` (or the error as JSON with --json), exit 1. */
export function fail(io: ConfigIo, json: boolean, error: unknown): number {
  const { code, message } = error instanceof AppError ? error : toSerializedError(error)
  io.err(json ? JSON.stringify({ error: { code, message } }, null, 2) : `copydesk: ${message}`)
  return EXIT.failed
}
