import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, relative, isAbsolute } from 'node:path'
import { AppError } from '../../shared/ipc/AppError'

type SystemError = Error & { code: string; path?: string; syscall?: string }

/**
 * One sentence for what stopped the browser host from starting (a port taken, a data folder that
 * cannot be created or written, the store refusing it), for a person at a terminal: never a stack.
 */
export async function describeStartError(
  error: unknown,
  context: { dataDir: string; port: number },
): Promise<string> {
  if (error instanceof AppError) return error.message
  if (!isSystemError(error)) return `Copydesk could not start: ${firstLine(error)}`
  const { port, dataDir } = context
  if (error.syscall === 'listen') {
    if (error.code === 'EADDRINUSE')
      return `Port ${port} is already in use: another Copydesk may be running; use --port 0 for any free port.`
    if (error.code === 'EACCES')
      return `Port ${port} is reserved on this system: use a port above 1023, or --port 0 for any free port.`
    return `Copydesk could not listen on 127.0.0.1:${port} (${error.code}): use --port 0 for any free port.`
  }
  const cannot = `The data folder ${dataDir} cannot be opened`
  // Before the path test: a failed write names no path ("ENOSPC: no space left on device, write").
  if (error.code === 'ENOSPC')
    return `${cannot}: the disk is full; free some space or choose another folder with --data-dir.`
  if (error.code === 'EDQUOT')
    return `${cannot}: your disk quota is used up; free some space or choose another folder with --data-dir.`
  if (error.code === 'EROFS')
    return `${cannot}: it is on a read-only disk; mount it read-write or choose another folder with --data-dir.`
  if (error.path && isInside(dataDir, error.path)) return describeFolder(dataDir, error)
  return `Copydesk could not start: ${firstLine(error)}`
}

async function describeFolder(dataDir: string, error: SystemError): Promise<string> {
  const cannot = `The data folder ${dataDir} cannot be opened`
  // One file of the folder closed to this user (another user's, mode 0600): name it, not the folder.
  if ((error.code === 'EACCES' || error.code === 'EPERM') && error.path && error.path !== dataDir) {
    const file = await stat(error.path).catch(() => null)
    if (file?.isFile())
      return `${cannot}: this user may not read ${error.path} (${error.code}); give it back to this user (chown) or move it out of the folder.`
  }
  const existing = await nearestExisting(dataDir)
  if (existing && !existing.isFolder)
    return `${cannot}: ${existing.path} is a file, not a folder; choose another folder with --data-dir.`
  const blocked = existing ? await writeProblem(existing.path) : null
  if (blocked === 'EROFS')
    return `${cannot}: it is on a read-only disk; mount it read-write or choose another folder with --data-dir.`
  if (
    blocked === 'EACCES' ||
    blocked === 'EPERM' ||
    error.code === 'EACCES' ||
    error.code === 'EPERM'
  )
    return `${cannot}: you may not write to ${existing?.path ?? dataDir}; fix its permissions or choose another folder with --data-dir.`
  return `${cannot}: ${error.code} on ${error.path ?? dataDir}; choose another folder with --data-dir.`
}

/** The folder itself or its closest ancestor that exists, and whether it is a folder. */
async function nearestExisting(path: string): Promise<{ path: string; isFolder: boolean } | null> {
  for (let current = path; ; current = dirname(current)) {
    try {
      return { path: current, isFolder: (await stat(current)).isDirectory() }
    } catch (error) {
      // ENOTDIR: a file is in the way higher up; keep climbing to name it.
      if (!isSystemError(error) || !['ENOENT', 'ENOTDIR'].includes(error.code)) return null
    }
    if (dirname(current) === current) return null
  }
}

async function writeProblem(folder: string): Promise<string | null> {
  try {
    await access(folder, constants.W_OK)
    return null
  } catch (error) {
    return isSystemError(error) ? error.code : 'EACCES'
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
