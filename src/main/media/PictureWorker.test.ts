import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import exifr from 'exifr'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_DESK_SETTINGS } from '../../shared/domain/DeskSettings'
import { WRITABLE } from '../store/DataDirAccess'
import { Quarantine } from '../store/Quarantine'
import { FileLogSink } from '../log/FileLogSink'
import { installLogSink } from '../log/log'
import { buildPictureWorker } from '../../../tests/support/buildPictureWorker'
import { fixedClock } from '../../../tests/support/fixedClock'
import { tempDir } from '../../../tests/support/tempDir'
import { MediaStore } from './MediaStore'
import { PictureImporter } from './PictureImporter'
import { PictureWorker, PictureWorkerFailed } from './PictureWorker'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const clock = fixedClock('2026-12-01T12:00:00.000Z')
const options = { quality: 82, maxPixels: 100_000_000, keepCopyright: true, keepCredit: true }
let script: string
let dir: { path: string; cleanup: () => Promise<void> }
const closing: (() => Promise<void>)[] = []

beforeAll(async () => {
  script = await buildPictureWorker('picture-worker')
}, 60_000)
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()))
  await dir.cleanup()
})

async function importerIn(folder: string, worker?: string) {
  const quarantine = await Quarantine.open(folder, clock)
  const media = await MediaStore.open({ dataDir: folder, quarantine, access: WRITABLE, clock })
  const importer = new PictureImporter({
    media,
    settings: () => DEFAULT_DESK_SETTINGS,
    clock,
    worker,
  })
  closing.push(() => importer.close())
  return { importer, media }
}

describe('PictureImporter with the picture worker (a real worker thread)', () => {
  it('stores the same record and the same renditions as on the main thread', async () => {
    const onThread = await importerIn(join(dir.path, 'thread'))
    const withWorker = await importerIn(join(dir.path, 'worker'), script)
    for (const name of ['tagged.jpg', 'small-alpha.webp', 'small.png']) {
      const expected = await onThread.importer.importFile(join(fixtures, name))
      const record = await withWorker.importer.importFile(join(fixtures, name))
      expect(record).toEqual(expected)
      for (const rendition of record.renditions) {
        const data = await withWorker.media.read(rendition.id)
        expect(data).toEqual(await onThread.media.read(rendition.id))
        if (rendition.type === 'jpeg') expect(await exifr.gps(data)).toBeUndefined()
      }
    }
  }, 60_000)

  it('makes the picture on the main thread when the worker cannot start, and says so in the log', async () => {
    installLogSink(new FileLogSink(join(dir.path, 'logs')))
    const broken = join(dir.path, 'broken.mjs')
    await writeFile(broken, 'throw new Error("no sharp on this platform")\n')
    const { importer } = await importerIn(join(dir.path, 'data'), broken)
    const record = await importer.importFile(join(fixtures, 'tagged.jpg'))
    expect(record.metadata.credit).toBe('Copydesk Photo Agency')
    expect(record.renditions.map((rendition) => rendition.name)).toEqual(['web', 'thumbnail'])
    expect(await readFile(join(dir.path, 'logs', 'copydesk.log'), 'utf8')).toMatch(
      /\[warn\] \[media\] The picture worker failed: this picture is made on the main thread/,
    )
  })
})

describe('PictureWorker', () => {
  it('refuses an original whose file is not the content its hash says, without failing itself', async () => {
    const worker = new PictureWorker(script)
    closing.push(() => worker.close())
    const path = join(dir.path, 'original.jpg')
    await copyFile(join(fixtures, 'small.jpg'), path)
    const error: unknown = await worker.render({ path, sha256: '0'.repeat(64) }, options).then(
      () => null,
      (reason: unknown) => reason,
    )
    expect(error).not.toBeInstanceOf(PictureWorkerFailed)
    expect(error).toMatchObject({
      message: 'The picture file changed before its renditions were made.',
    })
    // The worker answers the next picture.
    await expect(
      worker.render({ path: join(dir.path, 'gone.jpg'), sha256: '0'.repeat(64) }, options),
    ).rejects.toThrow('The picture file was removed before its renditions were made.')
  })

  it('refuses the pictures it was making when it is closed', async () => {
    const worker = new PictureWorker(script)
    const path = join(dir.path, 'original.jpg')
    await copyFile(join(fixtures, 'small.jpg'), path)
    const making = worker.render({ path, sha256: '0'.repeat(64) }, options).then(
      () => null,
      (reason: unknown) => reason,
    )
    await worker.close()
    expect(await making).toMatchObject({
      message: 'Copydesk was closing before the picture was made.',
    })
  })
})
