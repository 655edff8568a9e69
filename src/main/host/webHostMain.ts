import { fileURLToPath } from 'node:url'
import { APP_VERSION } from '../appVersion'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { readFlag, resolveDataDir } from '../resolveDataDir'
import { createWebHost, LAUNCH_CODE_TTL_MS, type WebHost } from './createWebHost'
import { describeStartError } from './describeStartError'
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
  let workstation: Workstation | undefined
  let host: WebHost
  try {
    workstation = await openWorkstation({
      dataDir,
      host: 'web',
      version: APP_VERSION,
      runOutbox: true,
    })
    const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
    host = await createWebHost({ dispatch: workstation.dispatch, rendererDir, port })
  } catch (error) {
    console.error(await describeStartError(error, { dataDir, port }))
    if (process.env['COPYDESK_DEBUG']) console.error(error)
    await workstation?.close().catch(() => undefined)
    return 1
  }
  console.log(`Copydesk ${APP_VERSION} is running in browser mode.`)
  console.log(`  Open: ${host.url}`)
  console.log(`  Data: ${dataDir}`)
  console.log(
    '  The link carries this run’s access token; keep it to yourself. Press Ctrl+C to stop.',
  )
  const cleanups: (() => Promise<void>)[] = []
  if (argv.includes('--open')) cleanups.push(await openLaunchPage(host))

  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined)
    await host.close()
    await workstation.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return -1
}

/**
 * Opens the browser on a one-time launch code (never the token), through a page only this user can
 * read; the page is deleted once its code is used or has expired.
 */
async function openLaunchPage(host: WebHost): Promise<() => Promise<void>> {
  let remove = async (): Promise<void> => undefined
  const launch = host.launch(LAUNCH_CODE_TTL_MS, () => void remove())
  try {
    remove = (await openInBrowser(launch.url)).remove
    console.log('  Opening your browser with a one-time link (if none opens, use the link above).')
  } catch (error) {
    console.log(
      `  Could not open a browser (${error instanceof Error ? error.message : String(error)}): open the link above.`,
    )
  }
  setTimeout(() => void remove(), LAUNCH_CODE_TTL_MS).unref()
  return () => remove()
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error(`Copydesk stopped: ${error instanceof Error ? error.message : String(error)}`)
    if (process.env['COPYDESK_DEBUG']) console.error(error)
    process.exit(1)
  },
)
