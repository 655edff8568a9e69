import type { Workstation } from '../main/openWorkstation'

/** What the settings and target commands need from the CLI around them. */
export type ConfigIo = {
  out: (text: string) => void
  err: (text: string) => void
  stdin?: (() => Promise<string>) | undefined
  /** Standard input is a terminal (nothing piped in): a secret would be typed, and shown. */
  stdinIsTTY?: boolean | undefined
  /** The environment (DATABASE_URL for `desk admin`). */
  env?: NodeJS.ProcessEnv | undefined
}

export type ConfigValues = {
  json: boolean
  url?: string | undefined
  user?: string | undefined
  status?: string | undefined
  password?: string | undefined
  token?: string | undefined
  'password-stdin'?: boolean | undefined
  'password-file'?: string | undefined
  'token-stdin'?: boolean | undefined
  'token-file'?: string | undefined
}

export type WithWorkstation = (
  run: (workstation: Workstation) => Promise<number>,
) => Promise<number>

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A usage error: one line, exit 2. */
export function usage(io: ConfigIo, message: string): number {
  io.err(`copydesk: ${message}`)
  return EXIT.usage
}

/** A failed command: one line, exit 1. */
export function failed(io: ConfigIo, message: string): number {
  io.err(`copydesk: ${message}`)
  return EXIT.failed
}
