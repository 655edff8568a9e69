import { randomBytes } from 'node:crypto'
import { link, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isErrnoCode } from './isErrnoCode'
import { OWNER_ONLY_FILE } from './ownerOnly'
import { log } from '../log/log'

/**
 * This run's mark in the names of its temp files. A process id is not enough: a container gives the
 * next run the same one, and a sweep that skipped "our" pid would keep a dead run's leftovers forever.
 */
export const THIS_RUN = randomBytes(6).toString('hex')
let tempCounter = 0

/** `.<name>.<run>.<n>.tmp`; older Copydesks wrote the process id where the run is. */
const TEMP_NAME = /^\.(.+)\.([0-9a-f]{12}|\d{1,10})\.(\d{1,16})\.tmp$/

/**
 * Replaces a file so that a crash or power cut leaves either the old or the new content:
 * write a temp file, fsync it, rename it over the target, fsync the directory. The file is its owner's
 * alone unless `mode` says otherwise (an export, meant for other programs).
 */
export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  mode: number = OWNER_ONLY_FILE,
): Promise<void> {
  const temp = await writeTemp(path, data, mode)
  try {
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(leftTemp)
    throw error
  }
  await syncDirectory(dirname(path))
}

/**
 * Creates a file that must never replace another (a revision snapshot): written and fsync-ed aside,
 * then hard-linked into place, which fails with EEXIST when the name is taken. A crash leaves no file
 * or the whole one. Volumes without hard links get an exclusive create instead.
 */
export async function createFileDurably(path: string, data: string): Promise<void> {
  const temp = await writeTemp(path, data, OWNER_ONLY_FILE)
  try {
    await link(temp, path).catch(async (error: unknown) => {
      if (!['EPERM', 'ENOTSUP', 'ENOSYS'].some((code) => isErrnoCode(error, code))) throw error
      await writeSynced(path, data, 'wx', OWNER_ONLY_FILE)
    })
  } finally {
    await rm(temp, { force: true }).catch(leftTemp)
  }
  await syncDirectory(dirname(path))
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

/**
 * What a temp file of writeFileDurably's is named after: the file it was to become (`index.json`)
 * and the run that wrote it. Null for any other name: a file of someone else's that only looks like
 * a temp file (`.my-notes.tmp`) is never taken for ours.
 */
export function parseTempName(name: string): { target: string; run: string } | null {
  const match = TEMP_NAME.exec(name)
  return match?.[1] && match[2] ? { target: match[1], run: match[2] } : null
}

/** Writes `data` to a fresh temp file beside `path`, fsync-ed; removed again if the write fails. */
async function writeTemp(path: string, data: string | Uint8Array, mode: number): Promise<string> {
  tempCounter += 1
  const temp = join(dirname(path), `.${basename(path)}.${THIS_RUN}.${tempCounter}.tmp`)
  try {
    await writeSynced(temp, data, 'w', mode)
  } catch (error) {
    // A full disk fails the write after the temp file was created: leave nothing behind.
    await rm(temp, { force: true }).catch(leftTemp)
    throw error
  }
  return temp
}

/** A temp file that could not be removed is swept at the next start; the log says why it stayed. */
function leftTemp(error: unknown): void {
  log.warn('store', 'Could not remove a temp file after a failed write', error)
}

async function writeSynced(
  path: string,
  data: string | Uint8Array,
  flags: 'w' | 'wx',
  mode: number,
) {
  const handle = await open(path, flags, mode)
  try {
    await handle.writeFile(data, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
}
