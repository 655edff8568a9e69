import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { LowdbArticleRepository } from './LowdbArticleRepository'
import { THIS_RUN } from './writeFileDurably'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

/** The id of a process that has exited: its temp files are a killed write's leftovers. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  })
  return Number(child.stdout)
}

async function hiddenFiles(path: string): Promise<string[]> {
  return (await readdir(path)).filter((name) => name.startsWith('.')).sort()
}

describe('the temp-file sweep at start', () => {
  // Issue 11, 3.5: only articles/ and trash/ were swept; every other folder kept its leftovers.
  it('removes the leftovers of killed writes in every folder the store writes, and no live write', async () => {
    const id = randomUUID()
    const pid = deadPid()
    const leftovers: Record<string, string[]> = {
      '': [
        `.index.json.${pid}.1.tmp`,
        `.settings.json.${pid}.2.tmp`,
        `.profile.json.${pid}.3.tmp`,
        `.outbox.json.${pid}.4.tmp`,
        `.secrets.json.${pid}.5.tmp`,
        `.search-index.json.${pid}.6.tmp`,
        `.index-journal.json.${pid}.12.tmp`,
      ],
      articles: [`.${id}.json.${pid}.7.tmp`],
      trash: [`.${id}.json.${pid}.8.tmp`],
      quarantine: [`.problems.json.${pid}.9.tmp`],
      history: [`.${id}.json.${pid}.10.tmp`],
      [join('history', id)]: [`.3.json.${pid}.11.tmp`],
    }
    for (const [folder, names] of Object.entries(leftovers)) {
      await mkdir(join(dir.path, folder), { recursive: true })
      for (const name of names) await writeFile(join(dir.path, folder, name), '{"half')
    }
    // A write of this very run, in flight while the sweep runs: not a leftover.
    const ours = `.4.json.${THIS_RUN}.12.tmp`
    await writeFile(join(dir.path, 'history', id, ours), '{"in progress')

    const repo = await LowdbArticleRepository.open(dir.path, { purpose: 'test' })
    await repo.close()
    expect(await hiddenFiles(dir.path)).toEqual([])
    for (const folder of ['articles', 'trash', 'quarantine', 'history'])
      expect(await hiddenFiles(join(dir.path, folder))).toEqual([])
    expect(await hiddenFiles(join(dir.path, 'history', id))).toEqual([ours])
  })

  // Red team M6: every `.*.tmp` was taken for ours, in the folder root, quarantine/ and history/.
  it('removes only the temp files the store writes, never a file of someone else that looks like one', async () => {
    const id = randomUUID()
    const pid = deadPid()
    const notOurs: Record<string, string[]> = {
      '': ['.my-notes.tmp', '.goutputstream-ABC.tmp', `.notes.txt.${pid}.1.tmp`],
      articles: ['.recovered-by-hand.tmp', `.draft.json.${pid}.2.tmp`],
      quarantine: [`.${id}.json.${pid}.3.tmp`],
      history: ['.backup.tmp'],
      [join('history', 'not-an-article')]: [`.1.json.${pid}.4.tmp`],
      [join('history', id)]: [`.notes.json.${pid}.5.tmp`],
    }
    for (const [folder, names] of Object.entries(notOurs)) {
      await mkdir(join(dir.path, folder), { recursive: true })
      for (const name of names) await writeFile(join(dir.path, folder, name), 'mine')
    }
    const repo = await LowdbArticleRepository.open(dir.path, { purpose: 'test' })
    await repo.close()
    for (const [folder, names] of Object.entries(notOurs))
      expect(await hiddenFiles(join(dir.path, folder))).toEqual([...names].sort())
  })

  // Red team L10: a dead earlier run with this process's id (containers reuse pids) kept its leftovers.
  it("removes a dead run's leftovers even when it had this process's id", async () => {
    const id = randomUUID()
    await mkdir(join(dir.path, 'history', id), { recursive: true })
    await writeFile(join(dir.path, `.index.json.${process.pid}.1.tmp`), '{"half')
    await writeFile(join(dir.path, 'history', id, `.2.json.${process.pid}.2.tmp`), '{"half')
    const repo = await LowdbArticleRepository.open(dir.path, { purpose: 'test' })
    await repo.close()
    expect(await hiddenFiles(dir.path)).toEqual([])
    expect(await hiddenFiles(join(dir.path, 'history', id))).toEqual([])
  })
})
