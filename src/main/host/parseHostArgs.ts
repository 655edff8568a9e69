import { parseArgs } from 'node:util'
import { resolveDataDir } from '../resolveDataDir'

export const HOST_USAGE = 'Usage: npm run web -- [--data-dir DIR] [--port N] [--open]'

export type HostArgs =
  { ok: true; dataDir: string; port: number; open: boolean } | { ok: false; message: string }

const DEFAULT_PORT = 5199

/**
 * The browser host's command line, strictly: a flag without its value, a value that is another flag
 * (`--data-dir --port 0` made a folder named "--port"), or a flag it does not know is a usage error
 * in one line, never silently the default desk or port.
 */
export function parseHostArgs(argv: readonly string[], env: NodeJS.ProcessEnv): HostArgs {
  for (const [i, arg] of argv.entries()) {
    if (arg !== '--data-dir' && arg !== '--port') continue
    const next = argv[i + 1]
    if (next === undefined) return usage(`${arg} needs a value.`)
    if (next.startsWith('-'))
      return usage(
        `${arg} needs a value, and “${next}” is a flag (write ${arg}=${next} if you mean it).`,
      )
  }
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }
  const dataDirFlag = values['data-dir']
  if (dataDirFlag !== undefined && !dataDirFlag.trim())
    return usage('--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.')
  const portText = values.port ?? env['COPYDESK_PORT'] ?? String(DEFAULT_PORT)
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN
  if (!(port >= 0 && port <= 65535)) {
    const from = values.port === undefined ? 'COPYDESK_PORT' : '--port'
    return usage(`${from} must be a whole number from 0 to 65535, not "${portText}".`)
  }
  return {
    ok: true,
    dataDir: resolveDataDir(dataDirFlag === undefined ? [] : ['--data-dir', dataDirFlag], env),
    port,
    open: values.open,
  }
}

function usage(problem: string): HostArgs {
  const text = problem.replace(/\s+/g, ' ').trim()
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`
  return { ok: false, message: `${sentence} ${HOST_USAGE}` }
}
