import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let tempCounter = 0

/**
 * Replaces a file so that a crash or power cut leaves either the old or the new content:
 * write a temp file, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileDurably(path: string, data: string): Promise<void> {
  const dir = dirname(path)
  tempCounter += 1
  const temp = join(dir, `.${basename(path)}.${process.pid}.${tempCounter}.tmp`)
  const handle = await open(temp, 'w')
  try {
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  await syncDirectory(dir)
}

/** Makes a rename in `dir` durable. Windows cannot fsync a directory, and needs not. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** True for the temp files writeFileDurably leaves behind when a process dies mid-write. */
export function isDurableTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp')
}
