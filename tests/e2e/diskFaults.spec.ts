import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { expectSaved, signIn, startNewArticle } from './actions'
import { startWebHost } from '../support/startWebHost'

/** A small tmpfs to fill up, where this machine lets the test mount one (root with CAP_SYS_ADMIN). */
async function smallDisk(): Promise<
  { path: string; release: () => Promise<void> } | { missing: string }
> {
  const path = await mkdtemp(join(tmpdir(), 'copydesk-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', path], { stdio: 'pipe' })
  } catch (error) {
    await rm(path, { recursive: true, force: true })
    return {
      missing: `cannot mount a small tmpfs here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    }
  }
  return {
    path,
    release: async () => {
      execFileSync('umount', [path])
      await rm(path, { recursive: true, force: true })
    },
  }
}

/** Writes filler until the disk is full. */
async function fill(dir: string): Promise<string> {
  const filler = join(dir, 'filler.bin')
  const chunk = Buffer.alloc(64 * 1024, 1)
  const parts: Buffer[] = []
  for (let i = 0; i < 64; i += 1) {
    parts.push(chunk)
    try {
      await writeFile(filler, Buffer.concat(parts))
    } catch {
      break
    }
  }
  return filler
}

type Fault = {
  headline: string
  text: string
  /** Breaks the disk; returns how to mend it. */
  cause: (diskPath: string) => Promise<() => Promise<void>>
  /** What the editor must say while the disk is broken. */
  reason: string
}

/**
 * The journey both faults share: an article saved on a small disk, the disk breaks, the editor is
 * typed into, the reason shows and the text stays; the disk is mended and the text reaches the file.
 */
async function survivesFault(page: Page, fault: Fault): Promise<void> {
  const disk = await smallDisk()
  if ('missing' in disk) {
    console.log(`skipped: ${disk.missing}`)
    test.skip(true, disk.missing)
    return
  }
  const data = join(disk.path, 'data')
  const host = await startWebHost(data)
  try {
    await page.goto(host.url)
    await signIn(page)
    await startNewArticle(page, fault.headline)
    await expectSaved(page)
    const mend = await fault.cause(disk.path)
    const body = page.getByRole('textbox', { name: 'Article body' })
    await body.click()
    await page.keyboard.type(fault.text)
    await expect(page.getByRole('region', { name: 'Save failed' })).toContainText(fault.reason)
    await expect(page.getByRole('group', { name: 'Save state' })).toContainText('Not saved')
    await expect(body).toContainText(fault.text)
    await mend()
    await expectSaved(page)
    const [file] = (await readdir(join(data, 'articles'))).filter((name) => name.endsWith('.json'))
    expect(await readFile(join(data, 'articles', file ?? ''), 'utf8')).toContain(fault.text)
  } finally {
    await host.stop()
    await disk.release()
  }
}

test('a full disk during a save: the editor keeps the text, shows the error, and saves once there is room', async ({
  page,
}) => {
  await survivesFault(page, {
    headline: 'Filed on a full disk',
    text: 'Every word typed while the disk is full must survive.',
    reason: 'Save failed: The disk is full (ENOSPC)',
    cause: async (diskPath) => {
      const filler = await fill(diskPath)
      return () => rm(filler)
    },
  })
})

test('a read-only data folder during a save: the text stays, the reason shows, and it saves once writable again', async ({
  page,
}) => {
  await survivesFault(page, {
    headline: 'Filed on a read-only disk',
    text: 'Typed while the folder was read-only.',
    reason: 'The data folder cannot be written to (EROFS)',
    cause: async (diskPath) => {
      execFileSync('mount', ['-o', 'remount,ro', diskPath])
      return async () => {
        execFileSync('mount', ['-o', 'remount,rw', diskPath])
      }
    },
  })
})

// Issue 11, 3.6: a data folder on a read-only disk failed on the lock, and the app did not open.
test('a data folder on a read-only disk opens read-only: every story reads, and the app says nothing can be saved', async ({
  page,
}) => {
  const disk = await smallDisk()
  if ('missing' in disk) {
    console.log(`skipped: ${disk.missing}`)
    test.skip(true, disk.missing)
    return
  }
  const data = join(disk.path, 'data')
  try {
    const writer = await startWebHost(data)
    try {
      await page.goto(writer.url)
      await signIn(page)
      await startNewArticle(page, 'Archived on a read-only disk')
      await page.getByRole('textbox', { name: 'Article body' }).click()
      await page.keyboard.type('Every word stays readable.')
      await expectSaved(page)
    } finally {
      await writer.stop()
    }
    execFileSync('mount', ['-o', 'remount,ro', disk.path])

    const reader = await startWebHost(data)
    try {
      await page.goto(reader.url)
      const banner = page.getByRole('alert', { name: 'Read-only data folder' })
      await expect(banner).toContainText(
        'This data folder is read-only: you can read stories, nothing can be saved.',
      )
      await expect(banner).toContainText('is on a read-only disk or mount (EROFS).')
      await page
        .getByRole('navigation', { name: 'Articles' })
        .getByRole('link', { name: /Archived on a read-only disk/ })
        .click()
      await expect(page.getByLabel('Headline')).toHaveValue('Archived on a read-only disk')
      await expect(page.getByLabel('Headline')).toBeDisabled()
      const body = page.getByRole('textbox', { name: 'Article body' })
      await expect(body).toContainText('Every word stays readable.')
      await expect(body).toHaveAttribute('contenteditable', 'false')
      await expect(page.getByRole('button', { name: 'Bold' })).toHaveCount(0)
      // Red team L8: the save state said "Saved at …" as if this folder took saves.
      const saveState = page.getByRole('group', { name: 'Save state' })
      await expect(saveState).toHaveText('Read-only')
      await expect(saveState).not.toContainText('Saved')
      await page.screenshot({ path: 'test-results/store-read-only.png' })

      // Nothing that would write is offered: New article is off, and says why.
      const create = page.getByRole('button', { name: 'New article' }).first()
      await expect(create).toBeDisabled()
      await expect(create).toHaveAttribute('title', /^Read-only data folder: .*EROFS/)
      await expect(
        page.getByRole('navigation', { name: 'Articles' }).getByRole('link'),
      ).toHaveCount(1)
    } finally {
      await reader.stop()
    }
  } finally {
    await disk.release()
  }
})
