#!/usr/bin/env node
// npm run dist:check: the installers' configuration, checked here without building anything
// (Electron and electron-builder's tools cannot be downloaded on this machine).
// Usage: node scripts/dist-check.js [--release FILE] [--e2e FILE]
import { relative } from 'node:path'
import { checkDistConfig } from './checkDistConfig.js'

const files = { release: 'electron-builder.yml', e2e: 'electron-builder.e2e.yml' }
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i += 2) {
  const kind = args[i]?.replace(/^--/, '')
  const file = args[i + 1]
  if ((kind !== 'release' && kind !== 'e2e') || !file) {
    process.stderr.write('Usage: node scripts/dist-check.js [--release FILE] [--e2e FILE]\n')
    process.exit(2)
  }
  files[kind] = file
}

let failed = false
for (const kind of /** @type {const} */ (['release', 'e2e'])) {
  const configFile = files[kind]
  const { problems } = await checkDistConfig({ projectDir: process.cwd(), configFile, kind })
  const name = relative(process.cwd(), configFile) || configFile
  if (problems.length === 0) {
    process.stdout.write(`dist:check: ${name} (${kind} build) is as issue 17 asks.\n`)
  } else {
    failed = true
    process.stderr.write(`dist:check: ${name} (${kind} build) has ${problems.length} problem(s):\n`)
    for (const problem of problems)
      process.stderr.write(`  - ${problem.replace(/\n/g, '\n    ')}\n`)
  }
}
process.exit(failed ? 1 : 0)
