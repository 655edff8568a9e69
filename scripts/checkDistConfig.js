import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)

/** The fuses issue 17 asks for; the end-to-end build differs only where Playwright needs it. */
export const RELEASE_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
}
const E2E_FUSES = { ...RELEASE_FUSES, enableNodeCliInspectArguments: true }

/** Linux looks its icon up by size in the icon folder; 16 px to 1024 px. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

const RUNTIME_FILES = ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']

/**
 * Loads an electron-builder configuration the way electron-builder does (app-builder-lib's
 * getConfig: the file, its `extends` chain, merged) and checks it against issue 17.
 * @param {{ projectDir: string, configFile: string, kind: 'release' | 'e2e' }} options
 * @returns {Promise<{ problems: string[], config: Record<string, unknown> | null }>}
 */
export async function checkDistConfig({ projectDir, configFile, kind }) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
  let config
  try {
    config = await getConfig(projectDir, configFile, null)
  } catch (error) {
    return { problems: [`${configFile} could not be read: ${firstLines(error)}`], config: null }
  }
  const problems = checkRules(config, projectDir, kind)
  try {
    await validateConfiguration(config, { isEnabled: false, add() {} })
  } catch (error) {
    problems.push(`electron-builder refuses ${configFile}: ${withoutHowToFix(error)}`)
  }
  return { problems, config }
}

/**
 * @param {any} config
 * @param {string} projectDir
 * @param {'release' | 'e2e'} kind
 */
function checkRules(config, projectDir, kind) {
  /** @type {string[]} */
  const problems = []
  const at = (/** @type {string} */ path) => resolve(projectDir, path)

  if (config.productName !== 'Copydesk') problems.push('productName must be "Copydesk"')
  if (typeof config.appId !== 'string' || !/^[a-z][a-z0-9-]*(\.[a-z0-9-]+){2,}$/.test(config.appId))
    problems.push('appId must be a reverse domain name such as dev.copydesk.app')

  expectTargets(problems, 'linux', config.linux, ['AppImage', 'deb'])
  expectTargets(problems, 'mac', config.mac, ['dmg', 'zip'], 'universal')
  expectTargets(problems, 'win', config.win, ['nsis'])

  const expectedFuses = kind === 'e2e' ? E2E_FUSES : RELEASE_FUSES
  const fuses = config.electronFuses ?? {}
  for (const [name, value] of Object.entries(expectedFuses)) {
    if (fuses[name] !== value)
      problems.push(
        `electronFuses.${name} must be ${value}${kind === 'e2e' ? ' in the end-to-end build' : ''} (it is ${fuses[name] ?? 'not set'})`,
      )
  }
  for (const name of Object.keys(fuses)) {
    if (!(name in RELEASE_FUSES) && name !== 'resetAdHocDarwinSignature')
      problems.push(`electronFuses.${name} is not a fuse Copydesk sets`)
  }
  // Flipping a fuse breaks the Mac binary's signature; Apple Silicon starts no unsigned code, so a
  // Mac build without a signing identity must be re-signed ad hoc (a real identity re-signs anyway).
  if (fuses.resetAdHocDarwinSignature !== true)
    problems.push(
      `electronFuses.resetAdHocDarwinSignature must be true: an unsigned Mac build would not start on Apple Silicon (it is ${fuses.resetAdHocDarwinSignature ?? 'not set'})`,
    )

  if (config.asar === false || (config.asar !== true && typeof config.asar !== 'object'))
    problems.push('asar must be on: the asar integrity and only-load-from-asar fuses need it')
  const unpack = asArray(config.asarUnpack)
  for (const pattern of ['**/node_modules/sharp/**/*', '**/node_modules/@img/**/*']) {
    if (!unpack.includes(pattern))
      problems.push(`asarUnpack must include ${pattern} (sharp's native binaries)`)
  }
  const filters = asArray(config.files).flatMap((set) =>
    typeof set === 'string' ? [set] : asArray(set.filter),
  )
  for (const needed of RUNTIME_FILES) {
    if (!filters.includes(needed)) problems.push(`files must include ${needed}`)
  }
  for (const filter of filters) {
    if (!filter.startsWith('!') && !RUNTIME_FILES.includes(filter))
      problems.push(`files must hold only what the app runs (${filter} is more)`)
  }

  if (kind === 'release') {
    const publish = asArray(config.publish)
    const generic = publish.find((entry) => entry && entry.provider === 'generic')
    if (!generic) problems.push('publish must have a generic provider (the update feed)')
    else if (!/^\$\{env\.[A-Z_][A-Z0-9_]*\}/.test(String(generic.url ?? '')))
      problems.push(
        'publish url must come from an environment variable, e.g. ${env.COPYDESK_UPDATE_URL}',
      )
  } else {
    if (config.publish !== null)
      problems.push('the end-to-end build must never be published: set publish: null')
    if (config.directories?.output === 'dist')
      problems.push('the end-to-end build must go to its own output folder, not dist')
  }

  const linuxIcons = config.linux?.icon
  if (typeof linuxIcons !== 'string' || !isDirectory(at(linuxIcons)))
    problems.push('linux.icon must be the icon folder (resources/icons)')
  else
    for (const size of ICON_SIZES) {
      if (!existsSync(join(at(linuxIcons), `${size}x${size}.png`)))
        problems.push(`the icon folder has no ${size}x${size}.png (run npm run icons)`)
    }
  expectIcon(problems, 'mac.icon', config.mac?.icon, at, 'icns')
  expectIcon(problems, 'win.icon', config.win?.icon, at, 'ico')

  const linuxAssociations = asArray(config.linux?.fileAssociations)
  if (!linuxAssociations.some((a) => asArray(a.ext).includes('ninjs.json') && a.mimeType))
    problems.push('linux.fileAssociations must give .ninjs.json a MIME type')
  if (!asArray(config.linux?.mimeTypes).includes('application/json'))
    problems.push('linux.mimeTypes must include application/json (publish JSON)')
  if (!asArray(config.mac?.fileAssociations).some((a) => asArray(a.ext).includes('json')))
    problems.push('mac.fileAssociations must include json')

  const nsisInclude = config.nsis?.include
  if (typeof nsisInclude !== 'string' || !existsSync(at(nsisInclude)))
    problems.push('nsis.include must name the installer script (resources/build/installer.nsh)')
  else if (!readFileSync(at(nsisInclude), 'utf8').includes('OpenWithProgids'))
    problems.push(`${nsisInclude} must register Copydesk under Open with for .json`)

  const cliScript = asArray(config.extraResources).find((set) => set.to === 'cli/copydesk')
  if (!cliScript) problems.push('extraResources must ship the copydesk command as cli/copydesk')
  else if (!isExecutable(at(cliScript.from)))
    problems.push(`${cliScript.from} must exist and be executable`)
  const cmd = asArray(config.win?.extraFiles).find((set) => set.to === 'copydesk.cmd')
  if (!cmd || !existsSync(at(cmd.from)))
    problems.push('win.extraFiles must put copydesk.cmd beside Copydesk.exe')
  const debBuilt = asArray(config.linux?.target).some(
    (t) => (typeof t === 'string' ? t : t?.target) === 'deb',
  )
  if (debBuilt && !config.deb?.maintainer && !authorEmail(config, at))
    problems.push(
      'the deb package needs a maintainer: set deb.maintainer, or an author with an email in package.json',
    )
  const afterInstall = config.deb?.afterInstall
  if (typeof afterInstall !== 'string' || !existsSync(at(afterInstall)))
    problems.push('deb.afterInstall must name the script that links /usr/bin/copydesk')
  else if (!readFileSync(at(afterInstall), 'utf8').includes("'/usr/bin/copydesk'"))
    problems.push(`${afterInstall} must link /usr/bin/copydesk`)
  return problems
}

/**
 * The author electron-builder gives fpm as the deb maintainer (FpmTarget): package.json's, or the
 * one extraMetadata puts over it. npm's "Name <email>" string form counts too.
 * @param {any} config
 * @param {(path: string) => string} at
 */
function authorEmail(config, at) {
  let author
  try {
    author = JSON.parse(readFileSync(at('package.json'), 'utf8')).author
  } catch {
    author = undefined
  }
  if (config.extraMetadata && 'author' in config.extraMetadata) author = config.extraMetadata.author
  if (typeof author === 'string') return /<[^<>\s]+@[^<>\s]+>/.test(author)
  return typeof author?.email === 'string' && author.email.includes('@')
}

/**
 * @param {string[]} problems
 * @param {string} platform
 * @param {any} options
 * @param {string[]} wanted
 * @param {string} [arch]
 */
function expectTargets(problems, platform, options, wanted, arch) {
  const targets = asArray(options?.target).map((t) =>
    typeof t === 'string' ? { target: t, arch: undefined } : t,
  )
  for (const name of wanted) {
    const builds = targets.filter((t) => t.target === name)
    if (builds.length === 0) problems.push(`${platform}.target must include ${name}`)
    else if (arch && builds.some((t) => !asArray(t.arch).includes(arch)))
      problems.push(`${platform} ${name} must be built for ${arch}`)
  }
}

/**
 * @param {string[]} problems
 * @param {string} name
 * @param {unknown} path
 * @param {(path: string) => string} at
 * @param {'icns' | 'ico'} format
 */
function expectIcon(problems, name, path, at, format) {
  if (typeof path !== 'string' || !path.endsWith(`.${format}`) || !existsSync(at(path))) {
    problems.push(`${name} must name an existing .${format} file (run npm run icons)`)
    return
  }
  const head = readFileSync(at(path)).subarray(0, 4)
  const valid = format === 'icns' ? head.toString('latin1') === 'icns' : head.equals(ICO_MAGIC)
  if (!valid) problems.push(`${path} is not an .${format} file`)
}

const ICO_MAGIC = Buffer.from([0, 0, 1, 0])

/** @param {unknown} value @returns {any[]} */
function asArray(value) {
  return value == null ? [] : Array.isArray(value) ? value : [value]
}

/** @param {string} path */
function isDirectory(path) {
  return existsSync(path) && statSync(path).isDirectory()
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, process.platform === 'win32' ? constants.R_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** @param {unknown} error */
function firstLines(error) {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n').slice(0, 6).join('\n').trim()
}

/** electron-builder's schema message without its generic "How to fix" paragraphs. */
function withoutHowToFix(/** @type {unknown} */ error) {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .split('\n')
    .filter((line) => !/^\s*(How to fix:|\d\.|\*)/.test(line) && line.trim() !== '')
    .join('\n')
}
