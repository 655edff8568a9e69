import type { ParseArgsConfig } from 'node:util'

/** Every option the CLI takes; --help lists each (a test checks), the commands read them. */
export const CLI_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  query: { type: 'string' },
  headline: { type: 'string' },
  summary: { type: 'string' },
  deck: { type: 'string' },
  create: { type: 'boolean', default: false },
  'not-a-kill': { type: 'boolean', default: false },
  name: { type: 'string' },
  role: { type: 'string' },
  note: { type: 'string' },
  format: { type: 'string' },
  status: { type: 'string' },
  out: { type: 'string' },
  target: { type: 'string' },
  correction: { type: 'string' },
  url: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  token: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'password-file': { type: 'string' },
  'token-stdin': { type: 'boolean' },
  'token-file': { type: 'string' },
  force: { type: 'boolean', default: false },
  email: { type: 'string' },
  database: { type: 'string' },
  'migrate-database': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'media-dir': { type: 'string' },
  'public-url': { type: 'string' },
  lead: { type: 'boolean', default: false },
  caption: { type: 'string' },
  credit: { type: 'string' },
  alt: { type: 'string' },
  at: { type: 'string' },
  clear: { type: 'boolean', default: false },
  until: { type: 'string' },
  lift: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options']

/** The options that apply to every command, as --help prints them. */
export const GLOBAL_OPTIONS_HELP = `Options:
  --data-dir DIR   the article store (default: COPYDESK_DATA_DIR, else the app's data folder)
  --json           machine-readable output
  --help           this text`
