import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Every file under the data folder with a hash of its content. */
export async function snapshotDir(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (path: string) => {
    for (const name of await readdir(path)) {
      const full = join(path, name)
      if ((await stat(full)).isDirectory()) await walk(full)
      else
        out[full.slice(root.length)] = createHash('sha1')
          .update(await readFile(full))
          .digest('hex')
    }
  }
  await walk(root)
  return out
}
