#!/usr/bin/env node
// npm run dist:pack-check: runs electron-builder for real (the Linux "dir" target, shipped and
// end-to-end configurations) on a stand-in for the Electron binary, since the real one cannot be
// downloaded here: a small file that carries Electron's fuse wire with Electron's defaults. Then it
// reads back what a build really produced: the fuses electron-builder flipped, what went into
// app.asar and what was unpacked, the copydesk launcher and the update feed file.
// Needs `npm run build` first (it packs out/).
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs'
import { mkdtemp, rm, mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RELEASE_FUSES } from './checkDistConfig.js'

const require = createRequire(import.meta.url)
// @electron/asar is electron-builder's own; resolved from app-builder-lib so hoisting does not matter.
const asar = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/asar')

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's fuse wire in FuseV1Options order, with Electron's defaults ('1' on, '0' off). */
const WIRE = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
]
const FEED = 'https://updates.invalid/copydesk'

if (!existsSync('out/main/index.js')) {
  process.stderr.write(
    'dist:pack-check: run npm run build first (there is no out/main/index.js).\n',
  )
  process.exit(1)
}
const work = await mkdtemp(join(tmpdir(), 'copydesk-pack-'))
/** @type {string[]} */
const problems = []
try {
  const electronDist = join(work, 'electron')
  await mkdir(electronDist)
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, WIRE.length]),
    Buffer.from(WIRE.map(([, state]) => state).join('')),
  ])
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron: $*"\n#'),
      wire,
      Buffer.from('\n'),
    ]),
  )
  chmodSync(join(electronDist, 'electron'), 0o755)
  for (const file of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html'])
    writeFileSync(join(electronDist, file), '')

  for (const [kind, configFile] of [
    ['release', 'electron-builder.yml'],
    ['e2e', 'electron-builder.e2e.yml'],
  ]) {
    const output = join(work, kind)
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--config',
        configFile,
        '--linux',
        'dir',
        '--publish',
        'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { encoding: 'utf8', env: { ...process.env, COPYDESK_UPDATE_URL: FEED } },
    )
    if (run.status !== 0) {
      const said = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.includes('⨯'))
      problems.push(
        `${configFile}: electron-builder failed: ${said.join(' ') || `exit ${run.status}`}`,
      )
      continue
    }
    checkBuild(kind, configFile, join(output, 'linux-unpacked'))
  }
} finally {
  await rm(work, { recursive: true, force: true })
}
if (problems.length > 0) {
  process.stderr.write(`dist:pack-check: ${problems.length} problem(s):\n`)
  for (const problem of problems) process.stderr.write(`  - ${problem}\n`)
  process.exit(1)
}
process.stdout.write(
  'dist:pack-check: both builds packed: fuses flipped as configured, app.asar holds out/ and the production dependencies only, sharp unpacked, the copydesk launcher and the feed file in place.\n',
)

/**
 * @param {string} kind
 * @param {string} configFile
 * @param {string} app
 */
function checkBuild(kind, configFile, app) {
  const expected = {
    ...RELEASE_FUSES,
    ...(kind === 'e2e' ? { enableNodeCliInspectArguments: true } : {}),
  }
  const binary = readFileSync(join(app, 'copydesk-desktop'))
  const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2
  WIRE.forEach(([name], i) => {
    const wanted = expected[name]
    if (wanted === undefined) return
    const actual = binary[at + i] === '1'.charCodeAt(0)
    if (actual !== wanted)
      problems.push(`${configFile}: the built binary has ${name} ${actual ? 'on' : 'off'}`)
  })

  const files = asar.listPackage(join(app, 'resources', 'app.asar'), { isPack: false })
  for (const needed of [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ])
    if (!files.includes(needed)) problems.push(`${configFile}: app.asar has no ${needed}`)
  for (const banned of [
    '/src/',
    '/tests/',
    '/bench/',
    '/scripts/',
    '/node_modules/electron-builder/',
    '/node_modules/vitest/',
  ])
    if (files.some((f) => f.startsWith(banned)))
      problems.push(`${configFile}: app.asar holds ${banned}`)
  const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules')
  if (!existsSync(join(unpacked, 'sharp', 'package.json')) || !existsSync(join(unpacked, '@img')))
    problems.push(`${configFile}: sharp and @img are not unpacked from app.asar`)
  try {
    accessSync(join(app, 'resources', 'cli', 'copydesk'), constants.X_OK)
  } catch {
    problems.push(`${configFile}: resources/cli/copydesk is missing or not executable`)
  }
  const feed = join(app, 'resources', 'app-update.yml')
  if (
    kind === 'release' &&
    !(existsSync(feed) && readFileSync(feed, 'utf8').includes(`url: ${FEED}`))
  )
    problems.push(
      `${configFile}: resources/app-update.yml does not name the feed from COPYDESK_UPDATE_URL`,
    )
  if (kind === 'e2e' && existsSync(feed))
    problems.push(`${configFile}: the end-to-end build has an update feed (app-update.yml)`)
}
