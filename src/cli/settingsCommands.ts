import { readFile } from 'node:fs/promises'
import { DeskSettings } from '../shared/domain/DeskSettings'
import type { Workstation } from '../main/openWorkstation'

/** What the settings and target commands need from the CLI around them. */
export type ConfigIo = {
  out: (text: string) => void
  err: (text: string) => void
  stdin?: (() => Promise<string>) | undefined
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

type WithWorkstation = (run: (workstation: Workstation) => Promise<number>) => Promise<number>

const EXIT = { ok: 0, failed: 1, usage: 2 } as const
const SECRETS = ['webhookToken', 'wordpressPassword']
const KEYS = Object.keys(DeskSettings.shape)

export const CONFIG_USAGE = `  settings get [KEY]               the desk settings (one, or all), as in Desk settings
  settings set KEY VALUE          change one setting (lists: comma-separated; true/false)
  target set wordpress --url URL --user USER [--status draft|pending|publish]
                 [--password-stdin | --password-file FILE]
                                  the WordPress site, user and application password
  target set webhook --url URL [--token-stdin | --token-file FILE]
                                  the webhook and its bearer token
  target test wordpress           sign in to WordPress with the saved details`

/**
 * `copydesk settings …` and `copydesk target …`, for desks that configure by script. Values are
 * checked by the same DeskSettings schema as the app. Secrets come from stdin or a file, never from
 * the command line (shell history, the process list), and are bound to the URL saved with them.
 */
export async function runConfigCommand(
  command: 'settings' | 'target',
  args: string[],
  values: ConfigValues,
  io: ConfigIo,
  withWorkstation: WithWorkstation,
): Promise<number> {
  const [verb, subject, value, ...extra] = args
  if (command === 'settings' && verb === 'get' && value === undefined)
    return withWorkstation(async (ws) => getSettings(ws, subject, values.json, io))
  if (command === 'settings' && verb === 'set' && subject && value !== undefined && !extra.length)
    return withWorkstation(async (ws) => setSetting(ws, subject, value, io))
  if (
    command === 'target' &&
    verb === 'set' &&
    (subject === 'wordpress' || subject === 'webhook') &&
    !value
  )
    return setTarget(subject, values, io, withWorkstation)
  if (command === 'target' && verb === 'test' && subject === 'wordpress' && !value)
    return withWorkstation(async (ws) => {
      const result = await ws.dispatch('testConnection', { target: 'wordpress' })
      if (!result.ok) return failed(io, result.error.message)
      const { ok, message } = result.value as { ok: boolean; message: string }
      ;(ok ? io.out : io.err)(message)
      return ok ? EXIT.ok : EXIT.failed
    })
  return usage(io, `Unknown or incomplete command: ${[command, ...args].join(' ')}`)
}

async function getSettings(
  ws: Workstation,
  key: string | undefined,
  json: boolean,
  io: ConfigIo,
): Promise<number> {
  const settings: Record<string, unknown> = ws.settings.get()
  if (key !== undefined) {
    if (!KEYS.includes(key)) return usage(io, unknownKey(key))
    io.out(json ? JSON.stringify(settings[key]) : show(settings[key]))
    return EXIT.ok
  }
  const secrets = await ws.dispatch('getSecretStatus', {})
  const status = secrets.ok ? (secrets.value as Record<string, unknown>) : {}
  if (json) {
    io.out(JSON.stringify(settings, null, 2))
    return EXIT.ok
  }
  const lines = KEYS.map((k) => `${k.padEnd(22)} ${show(settings[k])}`)
  for (const name of SECRETS)
    lines.push(`${name.padEnd(22)} ${status[name] ? '(saved)' : '(not set)'}`)
  io.out(lines.join('\n'))
  return EXIT.ok
}

async function setSetting(
  ws: Workstation,
  key: string,
  raw: string,
  io: ConfigIo,
): Promise<number> {
  if (SECRETS.includes(key))
    return usage(
      io,
      `${key} is a secret and is not set with "settings set": use "copydesk target set ${key === 'webhookToken' ? 'webhook --token-stdin' : 'wordpress --password-stdin'}".`,
    )
  if (!KEYS.includes(key)) return usage(io, unknownKey(key))
  const current: Record<string, unknown> = ws.settings.get()
  const parsed = DeskSettings.safeParse({ ...current, [key]: coerce(current[key], raw) })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return failed(io, `${issue?.path.join('.') || key}: ${issue?.message ?? 'not a valid value'}`)
  }
  const saved: Record<string, unknown> = parsed.data
  return save(ws, parsed.data, io, `${key} = ${show(saved[key])}`)
}

async function setTarget(
  target: 'wordpress' | 'webhook',
  values: ConfigValues,
  io: ConfigIo,
  withWorkstation: WithWorkstation,
): Promise<number> {
  const wp = target === 'wordpress'
  const [inline, fromStdin, fromFile] = wp
    ? [values.password, values['password-stdin'], values['password-file']]
    : [values.token, values['token-stdin'], values['token-file']]
  const what = wp ? 'password' : 'token'
  if (inline !== undefined)
    return usage(
      io,
      `A ${what} on the command line ends up in shell history and the process list: use --${what}-stdin or --${what}-file FILE.`,
    )
  if (!values.url) return usage(io, `target set ${target} needs --url URL.`)
  if (wp && !values.user) return usage(io, 'target set wordpress needs --user USER.')
  let secret: string | null = null
  try {
    if (fromStdin) {
      if (!io.stdin) return usage(io, `No standard input to read the ${what} from.`)
      secret = (await io.stdin()).trim()
    } else if (fromFile) secret = (await readFile(fromFile, 'utf8')).trim()
  } catch (error) {
    return failed(
      io,
      `Cannot read the ${what}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (secret === '') return failed(io, `The ${what} read was empty; nothing was changed.`)
  return withWorkstation(async (ws) => {
    const current = ws.settings.get()
    const next = wp
      ? {
          ...current,
          wordpressUrl: values.url,
          wordpressUser: values.user,
          wordpressStatus: values.status ?? current.wordpressStatus,
        }
      : { ...current, webhookUrl: values.url }
    const parsed = DeskSettings.safeParse(next)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return failed(io, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`)
    }
    const summary = wp
      ? `WordPress: ${parsed.data.wordpressUrl} as ${parsed.data.wordpressUser}, posts as ${parsed.data.wordpressStatus}`
      : `Webhook: ${parsed.data.webhookUrl}`
    const code = await save(ws, parsed.data, io, summary)
    if (code !== EXIT.ok || secret === null) return code
    const name = wp ? 'wordpressPassword' : 'webhookToken'
    const stored = await ws.dispatch('setSecret', { name, value: secret })
    if (!stored.ok) return failed(io, stored.error.message)
    io.out(
      `The ${wp ? 'application password' : 'token'} is saved for ${new URL(parsed.data[wp ? 'wordpressUrl' : 'webhookUrl']).origin} only.`,
    )
    if (!wp) return EXIT.ok
    // Checked at once, so a wrong password shows now rather than on the first push.
    const tested = await ws.dispatch('testConnection', { target: 'wordpress' })
    if (!tested.ok) return failed(io, tested.error.message)
    const { ok, message } = tested.value as { ok: boolean; message: string }
    if (ok) io.out(message)
    else io.err(`copydesk: the target is saved, but: ${message}`)
    return ok ? EXIT.ok : EXIT.failed
  })
}

/** Saves through the app's own call; says so when a moved URL cost a stored secret. */
async function save(
  ws: Workstation,
  settings: DeskSettings,
  io: ConfigIo,
  done: string,
): Promise<number> {
  const before = await ws.dispatch('getSecretStatus', {})
  const saved = await ws.dispatch('saveSettings', settings)
  if (!saved.ok) return failed(io, saved.error.message)
  io.out(done)
  const after = await ws.dispatch('getSecretStatus', {})
  if (before.ok && after.ok) {
    const was = before.value as Record<string, unknown>
    const now = after.value as Record<string, unknown>
    if (was['wordpressPassword'] && !now['wordpressPassword'])
      io.err(
        'The WordPress site moved to another address: its application password was cleared. Set it again with --password-stdin.',
      )
    if (was['webhookToken'] && !now['webhookToken'])
      io.err(
        'The webhook moved to another address: its token was cleared. Set it again with --token-stdin.',
      )
  }
  return EXIT.ok
}

function coerce(current: unknown, raw: string): unknown {
  if (typeof current === 'number') return raw.trim() === '' ? Number.NaN : Number(raw)
  if (typeof current === 'boolean') {
    if (/^(true|yes|on|1)$/i.test(raw)) return true
    if (/^(false|no|off|0)$/i.test(raw)) return false
    return raw
  }
  if (Array.isArray(current)) return raw.split(/[\s,]+/).filter(Boolean)
  return raw
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ')
  if (value === '') return '(empty)'
  return String(value)
}

function unknownKey(key: string): string {
  return `Unknown setting "${key}". Settings: ${KEYS.join(', ')}.`
}

function usage(io: ConfigIo, message: string): number {
  io.err(`copydesk: ${message}`)
  return EXIT.usage
}

function failed(io: ConfigIo, message: string): number {
  io.err(`copydesk: ${message}`)
  return EXIT.failed
}
