import type { Workstation } from '../main/openWorkstation'
import type { CliCommand } from './CliCommand'
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../shared/domain/DeskSettings'
import { SecretName } from '../shared/domain/SecretStatus'
import { answerOrMessage, readSettings, saveSettings } from './callWorkstation'
import {
  EXIT,
  failed,
  usage,
  type ConfigIo,
  type ConfigValues,
  type WithWorkstation,
} from './ConfigIo'
import { setTarget } from './setTarget'

export type { ConfigIo, ConfigValues } from './ConfigIo'

const SECRETS: readonly string[] = SecretName.options
/** Every setting by name; a group's settings by dotted name (updates.enabled, updates.channel). */
const KEYS = Object.entries(DEFAULT_DESK_SETTINGS).flatMap(([key, value]) =>
  isGroup(value) ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key],
)

/** `copydesk settings …` and `copydesk target …`, declared for --help and dispatch. */
export const CONFIG_COMMANDS: CliCommand[] = [
  {
    name: 'settings',
    help: [
      {
        synopsis: 'settings get [KEY]',
        summary: ['the desk settings (one, or all), as in Desk settings'],
      },
      {
        synopsis: 'settings set KEY VALUE',
        summary: [
          'change one setting (lists: comma-separated; true/false)',
          'e.g. settings set updates.enabled false, settings set updates.channel beta',
        ],
      },
    ],
    run: (c) => runConfigCommand('settings', c.args, c.values, c.io, c.withWorkstation),
  },
  {
    name: 'target',
    help: [
      {
        synopsis: [
          'target set wordpress --url URL --user USER [--status draft|pending|publish]',
          '[--password-stdin | --password-file FILE]',
        ],
        summary: ['the WordPress site, user and application password'],
      },
      {
        synopsis: ['target set webhook --url URL [--token-stdin | --token-file FILE]'],
        summary: ['the webhook and its bearer token'],
      },
      {
        synopsis: 'target test wordpress',
        summary: ['sign in to WordPress with the saved details'],
      },
    ],
    run: (c) => runConfigCommand('target', c.args, c.values, c.io, c.withWorkstation),
  },
]

/**
 * `copydesk settings …` and `copydesk target …`, for desks that configure by script. Everything
 * goes through the app's own calls (getSettings, saveSettings, setSecret, testConnection), checked
 * by the same schemas. Secrets come from stdin or a file, never from the command line (shell
 * history, the process list), and are bound to the URL saved with them.
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
      const tested = await answerOrMessage(ws.client.testConnection({ target: 'wordpress' }))
      if (typeof tested === 'string') return failed(io, tested)
      if (!tested.ok) return failed(io, tested.message)
      io.out(tested.message)
      return EXIT.ok
    })
  return usage(io, `Unknown or incomplete command: ${[command, ...args].join(' ')}`)
}

async function getSettings(
  ws: Workstation,
  key: string | undefined,
  json: boolean,
  io: ConfigIo,
): Promise<number> {
  const current = await readSettings(ws)
  if (typeof current === 'string') return failed(io, current)
  const settings: Record<string, unknown> = current
  if (key !== undefined) {
    if (!KEYS.includes(key)) return usage(io, unknownKey(key))
    const value = valueAt(settings, key)
    io.out(json ? JSON.stringify(value) : show(value))
    return EXIT.ok
  }
  if (json) {
    io.out(JSON.stringify(settings, null, 2))
    return EXIT.ok
  }
  const secrets = await answerOrMessage(ws.client.getSecretStatus({}))
  const status: Record<string, unknown> = typeof secrets === 'string' ? {} : secrets
  const lines = KEYS.map((k) => `${k.padEnd(22)} ${show(valueAt(settings, k))}`)
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
  const settings = await readSettings(ws)
  if (typeof settings === 'string') return failed(io, settings)
  const current: Record<string, unknown> = settings
  const parsed = DeskSettings.safeParse(withValue(current, key, coerce(valueAt(current, key), raw)))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return failed(io, `${issue?.path.join('.') || key}: ${issue?.message ?? 'not a valid value'}`)
  }
  const saved: Record<string, unknown> = parsed.data
  return saveSettings(ws, parsed.data, io, `${key} = ${show(valueAt(saved, key))}`)
}

function isGroup(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The setting `key` names, `group.inner` reaching into a group. */
function valueAt(settings: Record<string, unknown>, key: string): unknown {
  const [outer = '', inner] = key.split('.')
  const value = settings[outer]
  return inner === undefined ? value : isGroup(value) ? value[inner] : undefined
}

/** The settings with `key` (maybe `group.inner`) changed and everything else as it was. */
function withValue(
  settings: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const [outer = '', inner] = key.split('.')
  if (inner === undefined) return { ...settings, [outer]: value }
  const group = settings[outer]
  return { ...settings, [outer]: { ...(isGroup(group) ? group : {}), [inner]: value } }
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
