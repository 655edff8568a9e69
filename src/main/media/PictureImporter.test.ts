import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import exifr from 'exifr'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import { WRITABLE } from '../store/DataDirAccess'
import { Quarantine } from '../store/Quarantine'
import { fixedClock } from '../../../tests/support/fixedClock'
import { tempDir } from '../../../tests/support/tempDir'
import { MediaStore } from './MediaStore'
import { PictureImporter } from './PictureImporter'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const clock = fixedClock('2026-12-01T12:00:00.000Z')
let dir: { path: string; cleanup: () => Promise<void> }
let settings: DeskSettings
let media: MediaStore
let importer: PictureImporter

beforeEach(async () => {
  dir = await tempDir()
  settings = { ...DEFAULT_DESK_SETTINGS }
  const quarantine = await Quarantine.open(dir.path, clock)
  media = await MediaStore.open({ dataDir: dir.path, quarantine, access: WRITABLE, clock })
  importer = new PictureImporter({ media, settings: () => settings, clock })
})
afterEach(() => dir.cleanup())

const mediaFiles = async () => (await readdir(join(dir.path, 'media'))).sort()

describe('PictureImporter', () => {
  it('stores the original untouched, its metadata, and renditions without private metadata', async () => {
    const path = join(fixtures, 'tagged.jpg')
    const record = await importer.importFile(path)
    expect(record).toMatchObject({
      type: 'jpeg',
      width: 60,
      height: 40,
      importedAt: '2026-12-01T12:00:00.000Z',
      metadata: {
        caption: 'Firefighters tackle a blaze at a warehouse in Pune on Monday.',
        credit: 'Copydesk Photo Agency',
        altText: 'Three firefighters spray water at a burning two-storey warehouse at dusk.',
      },
      renditions: [
        { name: 'web', type: 'jpeg', width: 40, height: 60 },
        { name: 'thumbnail', type: 'jpeg', width: 40, height: 60 },
      ],
    })
    expect(await media.read(record.id)).toEqual(new Uint8Array(await readFile(path)))
    for (const rendition of record.renditions) {
      const data = await media.read(rendition.id)
      expect(await exifr.gps(data)).toBeUndefined()
      expect(JSON.stringify(await exifr.parse(data, true))).not.toContain('SN-4471-9920')
    }
    expect(await media.readRecord(record.id)).toEqual(record)
  })

  it('imports the same picture once: the second import writes nothing new', async () => {
    const first = await importer.importFile(join(fixtures, 'tagged.jpg'))
    const files = await mediaFiles()
    const second = await importer.importFile(join(fixtures, 'tagged.jpg'), 'copy.jpg')
    expect(second).toEqual(first)
    expect(await mediaFiles()).toEqual(files)
  })

  it('makes the renditions again when one of them was torn', async () => {
    const first = await importer.importFile(join(fixtures, 'tagged.jpg'))
    const web = first.renditions[0]
    if (!web) throw new Error('no rendition')
    await truncate(join(dir.path, 'media', web.id), 10)
    const again = await importer.importFile(join(fixtures, 'tagged.jpg'))
    expect(again.renditions).toEqual(first.renditions)
    expect(await media.has(web.id)).toBe(true)
  })

  // What a crash between storing the picture and writing its record leaves: the next import completes it.
  it('completes a picture stored without its record', async () => {
    const first = await importer.importFile(join(fixtures, 'tagged.jpg'))
    await rm(join(dir.path, 'media', `${first.id}.json`))
    const again = await importer.importFile(join(fixtures, 'tagged.jpg'))
    expect(again).toEqual(first)
    expect(await media.readRecord(first.id)).toEqual(first)
  })

  it('refuses an SVG named .jpg with one sentence naming what it is, and stores nothing', async () => {
    const svg = join(dir.path, 'photo.jpg')
    await writeFile(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    await expect(importer.importFile(svg)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^“photo\.jpg” is an SVG drawing/),
    })
    expect(await mediaFiles()).toEqual([])
  })

  it('refuses a file over the byte limit from its size on disk, before reading it', async () => {
    settings = { ...settings, pictureMaxMegabytes: 1 }
    const big = join(dir.path, 'huge.jpg')
    await writeFile(big, '')
    await truncate(big, 3_000_000)
    await expect(importer.importFile(big)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "“huge.jpg” is 3 MB, over the desk's limit of 1 MB for a picture (Desk settings).",
    })
  })

  it('refuses a folder and a missing file by name', async () => {
    await expect(importer.importFile(dir.path, 'pictures')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '“pictures” is a folder, not a picture file.',
    })
    await expect(importer.importFile(join(dir.path, 'nope.jpg'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
