import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { OpenedFiles } from './OpenedFiles'
import { readOpenedFile } from './readOpenedFile'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
})

describe('readOpenedFile (a file the system asked Copydesk to open)', () => {
  it('reads the name and text of a file', async () => {
    const path = join(dir.path, 'story.ninjs.json')
    await writeFile(path, '{"headline":"Fire at the port"}')
    expect(await readOpenedFile(path)).toEqual({
      name: 'story.ninjs.json',
      content: '{"headline":"Fire at the port"}',
    })
  })

  it('names why a path cannot be imported, without throwing', async () => {
    await mkdir(join(dir.path, 'folder.json'))
    await writeFile(join(dir.path, 'big.json'), Buffer.alloc(5_000_001, 32))
    expect(await readOpenedFile(join(dir.path, 'gone.json'))).toEqual({
      name: 'gone.json',
      error: 'there is no such file (moved or deleted?).',
    })
    expect(await readOpenedFile(join(dir.path, 'folder.json'))).toEqual({
      name: 'folder.json',
      error: 'it is not a file (a folder or a device?).',
    })
    expect(await readOpenedFile(join(dir.path, 'big.json'))).toEqual({
      name: 'big.json',
      error: 'it is 5.0 MB; files over 5 MB are not imported.',
    })
  })
})

describe('OpenedFiles (files waiting for a window)', () => {
  it('keeps files opened before any window listens, in order, and hands each over once', async () => {
    let told = 0
    const files = new OpenedFiles(() => (told += 1))
    await writeFile(join(dir.path, 'a.json'), 'A')
    await writeFile(join(dir.path, 'b.txt'), 'B')
    void files.add([join(dir.path, 'a.json')])
    await files.add([join(dir.path, 'b.txt'), join(dir.path, 'missing.json')])
    expect(told).toBe(2)
    expect(files.take()).toEqual([
      { name: 'a.json', content: 'A' },
      { name: 'b.txt', content: 'B' },
      { name: 'missing.json', error: 'there is no such file (moved or deleted?).' },
    ])
    expect(files.take()).toEqual([])
  })

  it('says nothing when a launch names no file', async () => {
    let told = 0
    const files = new OpenedFiles(() => (told += 1))
    await files.add([])
    expect(told).toBe(0)
  })
})
