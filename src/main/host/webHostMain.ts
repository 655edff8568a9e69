import { fileURLToPath } from 'node:url'
import { AppError } from '../../shared/ipc/AppError'
import { APP_VERSION } from '../appVersion'
import { openWorkstation } from '../openWorkstation'
import { readFlag, resolveDataDir } from '../resolveDataDir'
import { createWebHost } from './createWebHost'
import { openInBrowser } from './openInBrowser'

/** `npm run web -- [--data-dir DIR] [--port N] [--open]`: the app in an ordinary browser. */
async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  const dataDir = resolveDataDir(argv, process.env)
  const port = Number(readFlag(argv, '--port') ?? process.env['COPYDESK_PORT'] ?? 5199)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `--port must be a whole number from 0 to 65535, not "${readFlag(argv, '--port') ?? ''}".`,
    )
    return 2
  }
  let workstation
  try {
    workstation = await openWorkstation({
      dataDir,
      host: 'web',
      version: APP_VERSION,
      runOutbox: true,
    })
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error)
    return 1
  }
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
  const host = await createWebHost({ dispatch: workstation.dispatch, rendererDir, port })
  console.log(`Copydesk ${APP_VERSION} is running in browser mode.`)
  console.log(`  Open: ${host.url}`)
  console.log(`  Data: ${dataDir}`)
  console.log(
    '  The link carries a one-time access token; keep it to yourself. Press Ctrl+C to stop.',
  )
  if (argv.includes('--open')) openInBrowser(host.url)

  const stop = async (): Promise<void> => {
    await host.close()
    await workstation.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return -1
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
