import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'

/** A picture fixture's path (tests/fixtures/media). */
export const media = (name: string) =>
  fileURLToPath(new URL(`../fixtures/media/${name}`, import.meta.url))

/** A drawing, not a picture, whatever its name says. */
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

/** Drops a file on `target` the way a browser does: dragover, then drop, with the file in it. */
export async function dropFile(target: Locator, name: string, type: string): Promise<void> {
  const bytes = [...(name === 'chart.png' ? Buffer.from(SVG) : await readFile(media(name)))]
  await target.evaluate(
    (element, file) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))
      // Where a hand would let go: the editor places a dropped picture at the point of the drop.
      const box = element.getBoundingClientRect()
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }
      for (const kind of ['dragenter', 'dragover', 'drop'])
        element.dispatchEvent(
          new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true, ...at }),
        )
    },
    { bytes, name, type },
  )
}

/** Pastes into the focused body the way a browser does: a paste event carrying clipboard data. */
export async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByRole('textbox', { name: 'Article body' }).evaluate((element, items) => {
    const transfer = new DataTransfer()
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value)
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    )
  }, data)
}
