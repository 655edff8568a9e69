import { chmod, chown, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
})

const open = (dataDir: string) =>
  openWorkstation({ dataDir, host: 'web', version: 'test', user: () => 'Asha' })

/** Every folder and file under `root`, with its permission bits. */
async function modes(root: string): Promise<[string, string][]> {
  const found: [string, string][] = [['.', ((await stat(root)).mode & 0o777).toString(8)]]
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    found.push([path.slice(root.length + 1), ((await stat(path)).mode & 0o777).toString(8)])
  }
  return found
}

const posix = process.platform !== 'win32'

describe.runIf(posix)('the data folder belongs to its user alone', () => {
  // Regression (M2): folders were made 0755 and files 0644, so any local user could read every
  // story, the profile and the desk settings.
  it('creates its folders 0700 and its files 0600', async () => {
    const dataDir = join(dir.path, 'desk', 'data')
    const ws = await open(dataDir)
    await ws.dispatch('setProfile', { name: 'Asha', role: 'writer' })
    const created = await ws.dispatch('createArticle', { fields: { headline: 'Private' } })
    expect(created.ok).toBe(true)
    if (created.ok && typeof created.value === 'object' && created.value && 'id' in created.value)
      await ws.dispatch('saveVersion', { id: created.value.id })
    await ws.close()
    const found = await modes(dataDir)
    expect(found.map(([path]) => path)).toEqual(
      expect.arrayContaining(['.', 'articles', 'profile.json', 'history']),
    )
    for (const [path, mode] of found) {
      const isFolder = (await stat(join(dataDir, path))).isDirectory()
      expect(`${path} ${mode}`).toBe(`${path} ${isFolder ? '700' : '600'}`)
    }
  })

  // Regression (M2): a folder another user made writable to all (`mkdir -m 777 /tmp/x`) was
  // accepted, and that user replaced profile.json: driving the store without the token.
  it('refuses a data folder others may write to, in one sentence', async () => {
    const dataDir = join(dir.path, 'shared')
    await mkdir(dataDir)
    await chmod(dataDir, 0o777)
    await expect(open(dataDir)).rejects.toThrow(
      `Other users of this computer may write to the data folder ${dataDir} (mode 0777): run chmod go-w "${dataDir}", or choose another folder with --data-dir.`,
    )
  })

  it('refuses a data folder inside a folder others may write to without the sticky bit', async () => {
    const parent = join(dir.path, 'x')
    await mkdir(parent)
    await chmod(parent, 0o777)
    await expect(open(join(parent, 'desk'))).rejects.toThrow(
      `Other users of this computer may write to ${parent} (mode 0777), which holds the data folder, and could swap it for their own: choose a folder of your own with --data-dir.`,
    )
    // /tmp itself is writable by all, with the sticky bit: no one may move another's folder there.
    await chmod(parent, 0o1777)
    const ws = await open(join(parent, 'desk'))
    await ws.close()
  })

  it.runIf(process.getuid?.() === 0)(
    'refuses a data folder another user owns and this one could write',
    async () => {
      const dataDir = join(dir.path, 'theirs')
      await mkdir(dataDir, { mode: 0o700 })
      await writeFile(join(dataDir, 'profile.json'), '{}')
      await chown(dataDir, 65534, 65534)
      await expect(open(dataDir)).rejects.toThrow(
        `The data folder ${dataDir} belongs to another user (uid 65534), who could change your stories under you: choose a folder of your own with --data-dir.`,
      )
    },
  )
})
