import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { ArticleIndex } from './ArticleIndex'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

describe('ArticleIndex', () => {
  // Red team M8: an index.json this user may not read (another user's, 0600) stopped the start,
  // though the index is a cache the article files can always rebuild.
  it.runIf(process.getuid?.() === 0)('rebuilds an index it may not read, as a cache', async () => {
    await writeFile(join(dir.path, 'index.json'), '{"schemaVersion":4,"entries":{}}', {
      mode: 0o600,
    })
    await chmod(dir.path, 0o777)
    const reported: unknown[] = []
    process.seteuid?.(65534)
    let index: ArticleIndex | undefined
    try {
      index = (await ArticleIndex.open(dir.path, async (error) => reported.push(error))).index
    } finally {
      process.seteuid?.(0)
    }
    expect(index?.all()).toEqual([])
    expect(reported).toEqual([])
  })
})
