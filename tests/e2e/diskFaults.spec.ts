import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { expectSaved, signIn, startNewArticle } from './actions'
import { startHost } from './webHost'

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

test('a full disk during a save: the editor keeps the text, shows the error, and saves once there is room', async ({
  page,
}) => {
  const disk = await smallDisk()
  if ('missing' in disk) {
    console.log(`skipped: ${disk.missing}`)
    test.skip(true, disk.missing)
    return
  }
  const data = join(disk.path, 'data')
  const host = await startHost(data)
  try {
    await page.goto(host.url)
    await signIn(page)
    await startNewArticle(page, 'Filed on a full disk')
    await expectSaved(page)
    const filler = await fill(disk.path)

    await page.getByRole('textbox', { name: 'Article body' }).click()
    await page.keyboard.type('Every word typed while the disk is full must survive.')
    await expect(
      page.getByRole('alert').filter({ hasText: 'Save failed: The disk is full (ENOSPC)' }),
    ).toBeVisible()
    await expect(page.getByRole('status', { name: 'Save state' })).toContainText('Not saved')
    await expect(page.getByRole('textbox', { name: 'Article body' })).toContainText(
      'Every word typed while the disk is full must survive.',
    )

    await rm(filler)
    await expectSaved(page)
    const [file] = (await readdir(join(data, 'articles'))).filter((name) => name.endsWith('.json'))
    expect(await readFile(join(data, 'articles', file ?? ''), 'utf8')).toContain(
      'Every word typed while the disk is full must survive.',
    )
  } finally {
    await host.stop()
    await disk.release()
  }
})

test('a read-only data folder during a save: the text stays, the reason shows, and it saves once writable again', async ({
  page,
}) => {
  const disk = await smallDisk()
  if ('missing' in disk) {
    console.log(`skipped: ${disk.missing}`)
    test.skip(true, disk.missing)
    return
  }
  const data = join(disk.path, 'data')
  const host = await startHost(data)
  try {
    await page.goto(host.url)
    await signIn(page)
    await startNewArticle(page, 'Filed on a read-only disk')
    await expectSaved(page)
    execFileSync('mount', ['-o', 'remount,ro', disk.path])
    await page.getByRole('textbox', { name: 'Article body' }).click()
    await page.keyboard.type('Typed while the folder was read-only.')
    await expect(
      page.getByRole('alert').filter({ hasText: 'The data folder cannot be written to (EROFS)' }),
    ).toBeVisible()
    execFileSync('mount', ['-o', 'remount,rw', disk.path])
    await expectSaved(page)
    const [file] = (await readdir(join(data, 'articles'))).filter((name) => name.endsWith('.json'))
    expect(await readFile(join(data, 'articles', file ?? ''), 'utf8')).toContain(
      'Typed while the folder was read-only.',
    )
  } finally {
    await host.stop()
    await disk.release()
  }
})
