import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

type Manifest = { dependencies: Record<string, string>; devDependencies: Record<string, string> }
const manifest = JSON.parse(await readFile('package.json', 'utf8')) as Manifest

/** `@scope/name/sub` and `name/sub` are the packages `@scope/name` and `name`. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null
  if (builtinModules.includes(specifier.split('/')[0] ?? '')) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null)
}

/** Static imports and re-exports (one line or the closing line of many), side-effect and dynamic imports, require. */
const IMPORTS =
  /^(?:import|export|\})[^\n]*?\bfrom\s*['"]([^'"\n]+)['"]|^import\s*['"]([^'"\n]+)['"]|\b(?:import|require)\(\s*['"]([^'"\n]+)['"]\s*\)/gm

async function importedPackages(dir: string, pattern: RegExp, file: RegExp): Promise<Set<string>> {
  const found = new Set<string>()
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !file.test(entry.name)) continue
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8')
    for (const match of text.matchAll(pattern)) {
      const name = packageOf(match[1] ?? match[2] ?? match[3] ?? '')
      if (name) found.add(name)
    }
  }
  return found
}

describe('dependencies are declared and placed', () => {
  it('npm ls finds nothing missing, invalid or extraneous', () => {
    // execFileSync throws with npm's own message when npm ls exits non-zero.
    expect(() => execFileSync('npm', ['ls', '--all'], { stdio: 'pipe' })).not.toThrow()
  })

  it('every package the code imports is declared (bug: @tiptap/extensions was used, not declared)', async () => {
    const used = await importedPackages('src', IMPORTS, /\.tsx?$/)
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.devDependencies),
    ])
    expect([...used].filter((name) => !declared.has(name))).toEqual([])
  })

  // The renderer is bundled whole; the main process loads what it imports from node_modules, so
  // exactly those are the shipped app's runtime dependencies.
  it.skipIf(!existsSync('out/main/index.js'))(
    'what the main process loads at run time is a dependency; what only the renderer bundles is not',
    async () => {
      const loaded = await importedPackages('out/main', IMPORTS, /\.js$/)
      loaded.delete('electron')
      expect([...loaded].filter((name) => !(name in manifest.dependencies))).toEqual([])
      for (const rendererOnly of ['react', 'react-dom', '@tiptap/react', '@tiptap/extensions'])
        expect(manifest.dependencies).not.toHaveProperty(rendererOnly)
    },
  )
})
