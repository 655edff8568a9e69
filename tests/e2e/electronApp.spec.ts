import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { findElectronBinary } from '../../scripts/findElectronBinary.js'
import { signIn } from './actions'
import { tempDir } from '../support/tempDir'

const binary = findElectronBinary()

test('the desktop app: draft, close, reopen intact (real Electron)', async () => {
  // The release workflow sets ELECTRON_EXEC_PATH to the build it just made: a wrong path there
  // must fail the run, not skip the only test of the real app.
  if ('broken' in binary) throw new Error(`Electron cannot be tested: ${binary.broken}`)
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
        // An installed Copydesk starts its own app.asar and would open a script path as a file.
        args: [...(binary.packaged ? [] : ['out/main/index.js']), '--data-dir', dir.path],
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
