import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type ReadOnlyMount = {
  path: string
  /** Remounts the folder read-only: as root ignores file permissions, only a mount can refuse it. */
  makeReadOnly: () => void
  makeWritable: () => void
  release: () => Promise<void>
}

/**
 * A small tmpfs at a temp folder, to fill and then remount read-only; or why this machine cannot
 * mount one (mounting needs root with CAP_SYS_ADMIN), for the test to skip with the reason.
 */
export async function readOnlyMount(): Promise<ReadOnlyMount | { missing: string }> {
  const path = await mkdtemp(join(tmpdir(), 'copydesk-ro-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', path], { stdio: 'pipe' })
  } catch (error) {
    await rm(path, { recursive: true, force: true })
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { missing: `cannot mount a tmpfs here (${reason})` }
  }
  return {
    path,
    makeReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', path]),
    makeWritable: () => execFileSync('mount', ['-o', 'remount,rw', path]),
    release: async () => {
      execFileSync('umount', [path])
      await rm(path, { recursive: true, force: true })
    },
  }
}
