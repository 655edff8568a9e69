import { constants, type Stats } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../shared/ipc/AppError'
import { isErrnoCode } from './isErrnoCode'

const OTHERS_WRITE = 0o002
const GROUP_WRITE = 0o020
const STICKY = 0o1000

/**
 * Refuses a data folder another user of this computer could change under us: one owned by someone
 * else that we could write to (they could replace the profile or the settings, or read what we
 * save), one that others may write to, or one inside a folder others may write to without the
 * sticky bit (they could move ours aside and put theirs in its place). Someone else's folder that we
 * can only read opens read-only, as any read-only folder does. POSIX only: Windows has no modes.
 */
export async function assertOwnDataDir(
  dataDir: string,
  me: { uid: number; gid: number } | null = currentUser(),
): Promise<void> {
  if (!me) return
  const own = await statIfThere(dataDir)
  // On a read-only disk no one can change anything, whatever the modes say.
  if (own && (await writable(dataDir))) {
    const mode = own.mode & 0o7777
    if (own.uid !== me.uid)
      throw refusal(
        `The data folder ${dataDir} belongs to another user (uid ${own.uid}), who could change your stories under you: choose a folder of your own with --data-dir.`,
      )
    if (mode & OTHERS_WRITE || (mode & GROUP_WRITE && own.gid !== me.gid))
      throw refusal(
        `Other users of this computer may write to the data folder ${dataDir} (mode ${octal(mode)}): run chmod go-w "${dataDir}", or choose another folder with --data-dir.`,
      )
  }
  for (let parent = dirname(dataDir); ; parent = dirname(parent)) {
    const info = await statIfThere(parent)
    if (info && info.mode & OTHERS_WRITE && !(info.mode & STICKY) && (await writable(parent)))
      throw refusal(
        `Other users of this computer may write to ${parent} (mode ${octal(info.mode & 0o7777)}), which holds the data folder, and could swap it for their own: choose a folder of your own with --data-dir.`,
      )
    if (dirname(parent) === parent) return
  }
}

function currentUser(): { uid: number; gid: number } | null {
  if (process.platform === 'win32' || !process.getuid || !process.getgid) return null
  return { uid: process.getuid(), gid: process.getgid() }
}

async function statIfThere(path: string): Promise<Stats | null> {
  try {
    return await stat(path)
  } catch (error) {
    // Not there yet, or not ours to look into: the folder's creation will say what is wrong.
    if (['ENOENT', 'ENOTDIR', 'EACCES'].some((code) => isErrnoCode(error, code))) return null
    throw error
  }
}

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  )
}

function refusal(message: string): AppError {
  return new AppError('REFUSED', message)
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`
}
