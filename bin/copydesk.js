#!/usr/bin/env node
// The CLI is built with the app (npm run build) into out/main/cli.js.
import { existsSync } from 'node:fs'

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    'copydesk: the CLI is not built yet. Run `npm run build` in the Copydesk folder first.\n',
  )
  process.exit(1)
}
await import(entry.href)
