import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SHIPPED = ['out/main', 'out/preload', 'out/renderer']

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** The source modules a bundle was made from: the bundler heads each one with `// <path>`. */
async function bundledModules(): Promise<Set<string>> {
  const modules = new Set<string>()
  for (const dir of SHIPPED) {
    for (const file of await filesUnder(dir)) {
      if (!/\.(c|m)?js$/.test(file)) continue
      for (const match of (await readFile(file, 'utf8')).matchAll(/^\/\/ (\S+\.[cm]?[jt]sx?)$/gm))
        modules.add(match[1] ?? '')
    }
  }
  return modules
}

// `npm test` builds before the unit tests; a bare `vitest` without a build has nothing to look at.
const built = existsSync('out/main/index.js') && existsSync('out/renderer/index.html')

describe('what users install (electron-vite build: out/main, out/preload, out/renderer)', () => {
  it.skipIf(!built)('holds the app’s entry points and no bench or test code', async () => {
    const main = (await readdir('out/main')).filter((name) => name.endsWith('.js')).sort()
    expect(main).toEqual(['cli.js', 'index.js', 'searchWorker.js', 'webHost.js'])
    const modules = await bundledModules()
    // Not vacuous: the bundles name their modules, so the app's own are listed.
    expect(modules).toContain('src/main/openWorkstation.ts')
    expect(modules).toContain('src/renderer/src/App.tsx')
    const foreign = [...modules].filter((path) =>
      /^(tests|bench|scripts)\/|\/(testing|tools)\/|\.(test|spec)\.tsx?$/.test(path),
    )
    expect(foreign).toEqual([])
  })

  it.skipIf(!built)(
    'leaves the bench and the crash writer to their own build (out/tools)',
    async () => {
      const shipped = (await Promise.all(SHIPPED.map(filesUnder))).flat()
      const names = shipped.map((file) => relative('out', file))
      expect(names.filter((name) => /bench|crashWriter|fake|hostile/i.test(name))).toEqual([])
    },
  )
})
