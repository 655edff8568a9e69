import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_VERSION } from '../appVersion'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { createWebHost, type WebHost } from './createWebHost'
import { describeStartError } from './describeStartError'
import { openInBrowser } from './openInBrowser'
import { openLaunchPage } from './openLaunchPage'
import { parseHostArgs } from './parseHostArgs'
import { installLogSink, log } from '../log/log'
import { FileLogSink } from '../log/FileLogSink'

/** `npm run web -- [--data-dir DIR] [--port N] [--open]`: the app in an ordinary browser. */
async function main(): Promise<number> {
  const args = parseHostArgs(process.argv.slice(2), process.env)
  if (!args.ok) {
    console.error(args.message)
    return 2
  }
  const { dataDir, port } = args
  installLogSink(new FileLogSink(join(dataDir, 'logs')))
  let workstation: Workstation | undefined
  let host: WebHost
  try {
    workstation = await openWorkstation({
      dataDir,
      host: 'web',
      version: APP_VERSION,
      runOutbox: true,
      runSync: true,
      searchWorker: fileURLToPath(new URL('./searchWorker.js', import.meta.url)),
    })
    const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
    host = await createWebHost({ dispatch: workstation.dispatch, rendererDir, port })
  } catch (error) {
    console.error(await describeStartError(error, { dataDir, port }))
    if (process.env['COPYDESK_DEBUG']) console.error(error)
    await workstation
      ?.close()
      .catch((error: unknown) => log.warn('host', 'Could not close the store after a failed start', error))
    return 1
  }
  console.log(`Copydesk ${APP_VERSION} is running in browser mode.`)
  console.log(`  Open: ${host.url}`)
  console.log(`  Data: ${dataDir}`)
  if (workstation.access.readOnly)
    console.log(
      `  Read-only: ${workstation.access.reason} You can read stories; nothing can be saved.`,
    )
  console.log(
    '  The link carries this run’s access token; keep it to yourself. Press Ctrl+C to stop.',
  )
  const cleanups: (() => Promise<void>)[] = []
  if (args.open)
    cleanups.push(
      await openLaunchPage(host, {
        open: (url) => openInBrowser(url),
        print: (line) => console.log(line),
      }),
    )

  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups)
      await cleanup().catch((error: unknown) =>
        log.warn('host', 'Could not remove the launch page', error),
      )
    await host.close()
    // A folder that went read-only while we ran cannot take the last writes: one line, not a stack.
    const closed = await workstation.close().then(
      () => true,
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error))
        return false
      },
    )
    process.exit(closed ? 0 : 1)
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
    console.error(`Copydesk stopped: ${error instanceof Error ? error.message : String(error)}`)
    if (process.env['COPYDESK_DEBUG']) console.error(error)
    process.exit(1)
  },
)
