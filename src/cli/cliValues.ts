import type { ConfigValues } from './ConfigIo'

/** The parsed options, as the commands read them. */
export type CliValues = ConfigValues & {
  'data-dir'?: string | undefined
  help: boolean
  query?: string | undefined
  headline?: string | undefined
  summary?: string | undefined
  deck?: string | undefined
  create: boolean
  'not-a-kill': boolean
  name?: string | undefined
  role?: string | undefined
  note?: string | undefined
  format?: string | undefined
  out?: string | undefined
  target?: string | undefined
  correction?: string | undefined
  force: boolean
  email?: string | undefined
  database?: string | undefined
  'migrate-database'?: string | undefined
  host?: string | undefined
  port?: string | undefined
  'tls-cert'?: string | undefined
  'tls-key'?: string | undefined
  'trust-proxy'?: boolean | undefined
  'media-dir'?: string | undefined
  'public-url'?: string | undefined
  lead?: boolean | undefined
  caption?: string | undefined
  credit?: string | undefined
  alt?: string | undefined
  at?: string | undefined
  clear?: boolean | undefined
  until?: string | undefined
  lift?: boolean | undefined
}
