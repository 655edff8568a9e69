#!/usr/bin/env node
// npm run icons: renders Copydesk's icon set from the two SVG marks in resources/icons/.
// 16 to 32 px use copydesk-small.svg (heavier C, a dot for the lines of copy, no margin), which
// stays readable in a taskbar or a file list; 48 px and up use copydesk.svg.
// Writes <size>x<size>.png (Linux reads the folder by size), icon.ico (Windows: PNG entries, which
// Windows reads since Vista) and icon.icns (macOS: PNG entries), with no tool beyond sharp.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { ICON_SIZES } from './checkDistConfig.js'

const dir = fileURLToPath(new URL('../resources/icons/', import.meta.url))
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS entry types holding PNG data, by pixel size (the @2x types reuse the larger renders). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]

const full = await readFile(`${dir}copydesk.svg`)
const small = await readFile(`${dir}copydesk-small.svg`)

/** @type {Map<number, Buffer>} */
const pngs = new Map()
for (const size of ICON_SIZES) {
  const svg = size <= 32 ? small : full
  // Drawn at four times the size, then reduced: smoother edges than rendering at the size itself.
  const density = (72 * size * 4) / 1024
  const png = await sharp(svg, { density })
    .resize(size, size, { kernel: 'lanczos3' })
    .png({ compressionLevel: 9 })
    .toBuffer()
  pngs.set(size, png)
  await writeFile(`${dir}${size}x${size}.png`, png)
}

await writeFile(`${dir}icon.ico`, ico(ICO_SIZES.map((size) => [size, pngOf(size)])))
await writeFile(`${dir}icon.icns`, icns(ICNS_TYPES.map(([type, size]) => [type, pngOf(size)])))
process.stdout.write(`icons: wrote ${ICON_SIZES.length} PNGs, icon.ico and icon.icns to ${dir}\n`)

/** @param {number} size */
function pngOf(size) {
  const png = pngs.get(size)
  if (!png) throw new Error(`no ${size} px render`)
  return png
}

/**
 * An ICO file: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNGs.
 * @param {[number, Buffer][]} images
 */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt8(0, at + 2)
    header.writeUInt8(0, at + 3)
    header.writeUInt16LE(1, at + 4)
    header.writeUInt16LE(32, at + 6)
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map(([, png]) => png)])
}

/**
 * An ICNS file: "icns" and the total length, then per entry its type, its length and the PNG.
 * @param {[string, Buffer][]} entries
 */
function icns(entries) {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4)
  return Buffer.concat([head, ...parts])
}
