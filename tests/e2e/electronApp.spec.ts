import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { findElectronBinary } from '../../scripts/findElectronBinary.js'
import { signIn } from './actions'
import { tempDir } from '../support/tempDir'

const binary = findElectronBinary()

test('the desktop app: draft, close, reopen intact (real Electron)', async () => {
  if ('missing' in binary) {
    const reason = `Electron cannot run here: ${binary.missing}. The same journey runs in Chromium through the browser host.`
    console.log(`skipped: ${reason}`)
    test.skip(true, reason)
    return
  }
  const dir = await tempDir('copydesk-e2e-')
  try {
    const launch = () =>
      electron.launch({
        executablePath: binary.path,
        args: ['out/main/index.js', '--data-dir', dir.path],
      })
    let app = await launch()
    let window = await app.firstWindow()
    expect(await window.evaluate(() => typeof Reflect.get(window, 'require'))).toBe('undefined')
    await signIn(window)
    await window.getByRole('button', { name: 'New article' }).first().click()
    await window.getByLabel('Headline').fill('Desk test from Electron')
    await window.getByRole('textbox', { name: 'Article body' }).click()
    await window.keyboard.type('First paragraph.')
    await window.keyboard.press('Enter')
    await window.getByRole('button', { name: 'Bulleted list' }).click()
    await window.keyboard.type('One point')
    await expect(window.getByRole('group', { name: 'Save state' })).toHaveText(/Saved at/)
    await app.close()
    expect(await readdir(join(dir.path, 'articles'))).toHaveLength(1)

    app = await launch()
    window = await app.firstWindow()
    await window.getByRole('link', { name: /Desk test from Electron/ }).click()
    await expect(
      window.getByRole('textbox', { name: 'Article body' }).getByRole('listitem'),
    ).toHaveText(['One point'])
    await app.close()
  } finally {
    await dir.cleanup()
  }
})
