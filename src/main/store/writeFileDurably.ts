import { link, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isErrnoCode } from './isErrnoCode'
import { OWNER_ONLY_FILE } from './ownerOnly'

let tempCounter = 0

/**
 * Replaces a file so that a crash or power cut leaves either the old or the new content:
 * write a temp file, fsync it, rename it over the target, fsync the directory. The file is its owner's
 * alone unless `mode` says otherwise (an export, meant for other programs).
 */
export async function writeFileDurably(
  path: string,
  data: string,
  mode: number = OWNER_ONLY_FILE,
): Promise<void> {
  const dir = dirname(path)
  tempCounter += 1
  const temp = join(dir, `.${basename(path)}.${process.pid}.${tempCounter}.tmp`)
  const handle = await open(temp, 'w', mode)
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

/**
 * Creates a file that must never replace another (a revision snapshot): written and fsync-ed aside,
 * then hard-linked into place, which fails with EEXIST when the name is taken. A crash leaves no file
 * or the whole one. Volumes without hard links get an exclusive create instead.
 */
export async function createFileDurably(path: string, data: string): Promise<void> {
  const dir = dirname(path)
  tempCounter += 1
  const temp = join(dir, `.${basename(path)}.${process.pid}.${tempCounter}.tmp`)
  const handle = await open(temp, 'w', OWNER_ONLY_FILE)
  try {
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await link(temp, path).catch(async (error: unknown) => {
      if (!['EPERM', 'ENOTSUP', 'ENOSYS'].some((code) => isErrnoCode(error, code))) throw error
      const direct = await open(path, 'wx', OWNER_ONLY_FILE)
      try {
        await direct.writeFile(data, 'utf8')
        await direct.sync()
      } finally {
        await direct.close()
      }
    })
  } finally {
    await rm(temp, { force: true }).catch(() => undefined)
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
