import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { expectSaved, signIn, switchProfile } from './actions'
import { axeScreens, type Finding } from './axeScreens'

const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))
const workflow = (page: Page) => page.getByRole('group', { name: 'Workflow' })
/**
 * Presses a control from the keyboard: at 200% zoom the layout may still overlap (reflow is its own
 * spec), and this suite is about what axe finds on each screen, not about pointer hit-testing.
 */
async function press(target: Locator): Promise<void> {
  await target.focus()
  await target.press('Enter')
}
/**
 * In a narrow window (200% zoom) the list and the side panel are drawers: opens one before its
 * controls are used, so the scan also covers the open drawer. In a wide window there is no button.
 */
async function openDrawer(page: Page, name: 'Articles' | 'Checks and notes'): Promise<void> {
  // Decided by the window's width (drawerShortcuts.ts), not by whether the button shows yet: a page
  // still rendering has no button, and a skipped open would leave the next press waiting forever.
  const drawerBelow = { Articles: 900, 'Checks and notes': 1180 }[name]
  if ((page.viewportSize()?.width ?? Infinity) >= drawerBelow) return
  const toggle = page.getByRole('button', { name, exact: true })
  await expect(toggle).toBeVisible()
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await press(toggle)
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
}
const status = (page: Page) =>
  page
    .getByRole('group', { name: 'Story' })
    .getByText(/^(Draft|Submitted|Changes requested|Approved)$/)

/** Names each finding in one line, so a failure says what to fix and where. */
function describeFindings(findings: Finding[]): string[] {
  return findings.map(
    (f) => `${f.rule} · ${f.screen} · ${f.theme} · ${f.size}: ${f.help} (${f.targets.join(', ')})`,
  )
}

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  // 200% zoom: half the CSS pixels, each drawn twice as large.
  { name: '1280x800 at 200%', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
]

for (const size of SIZES) {
  test.describe(`axe at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor })

    test(`every screen passes axe (WCAG 2.2 A/AA and best practice) in light and dark at ${size.name}`, async ({
      page,
      desk,
    }) => {
      // Two axe runs per screen on about twenty screens, at 200% zoom on 2 shared cores.
      test.setTimeout(600_000)
      const host = await desk.start()
      const axe = axeScreens(page, size.name)

      // Without this run's token, the host gate is all there is.
      await page.goto(host.url.split('#')[0] ?? host.url)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Open Copydesk from its link',
      )
      await expect(page).toHaveTitle('Open Copydesk from its link — Copydesk')
      await axe.scan('host gate')

      await page.goto(host.url)
      await expect(page.getByRole('dialog', { name: 'Who is at this workstation?' })).toBeVisible()
      await axe.scan('profile dialog (first start)')
      await signIn(page, 'Asha Rao', 'Writer')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('No article open')
      await expect(page).toHaveTitle('Copydesk')
      await axe.scan('home (no article open)')

      await press(page.getByRole('button', { name: 'Desk settings' }))
      const settings = page.getByRole('dialog', { name: /settings/i })
      await expect(settings).toBeVisible()
      await axe.scan('settings dialog')
      await page.keyboard.press('Escape')
      await expect(settings).toBeHidden()

      const chooser = page.waitForEvent('filechooser')
      await press(page.getByRole('button', { name: 'Import…' }))
      await (await chooser).setFiles(fixture)
      const review = page.getByRole('dialog', { name: 'Review import' })
      await expect(review).toContainText('read as Wire copy')
      // Focus starts on what the dialog is; the scrolling preview is named and reachable by Tab.
      await expect(review.getByRole('heading', { name: 'Review import' })).toBeFocused()
      await expect(
        review.getByRole('region', { name: 'The article as it will read' }),
      ).toHaveAttribute('tabindex', '0')
      await axe.scan('import review')
      await press(review.getByRole('button', { name: 'Create article' }))
      await expect(page.getByLabel('Agency credit')).toHaveValue('IANS')
      await expectSaved(page)
      const headline = 'India, Japan Forge Stronger Ties on AI, Chips & Security in Key Dialogue'
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline)
      await expect(page).toHaveTitle('India, Japan Forge Stronger Ties on AI… — Copydesk')
      // The check says what kind of problem it is in words, not only by its colour.
      await openDrawer(page, 'Checks and notes')
      await expect(
        page.getByRole('list', { name: 'Problems' }).getByRole('button', {
          name: "Warning: Headline is 72 characters; the desk's limit is 70.",
        }),
      ).toBeVisible()

      for (const tab of ['Checks', 'History', 'Notes', 'Export']) {
        await press(page.getByRole('tab', { name: tab }))
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true')
        await axe.scan(`editor, whole article, ${tab} tab`)
      }
      await press(page.getByRole('tab', { name: 'Checks' }))
      await press(page.getByRole('button', { name: 'Preview' }))
      await expect(page.getByRole('article', { name: 'Preview' })).toBeVisible()
      await axe.scan('editor with preview')
      await press(page.getByRole('button', { name: 'Preview' }))

      // A second window saves first: this one meets the conflict and compares.
      const second = await page.context().newPage()
      await second.goto(host.url)
      await openDrawer(second, 'Articles')
      await press(second.getByRole('link', { name: /India, Japan Forge/ }))
      await second.getByLabel('Deck').fill('Typed in the second window')
      await expectSaved(second)
      await second.close()
      await page.getByLabel('Deck').fill('Typed in the first window')
      const conflict = page.getByRole('alert', { name: 'Save conflict' })
      await press(conflict.getByRole('button', { name: 'Compare' }))
      const compare = page.getByRole('dialog', { name: 'Compare with the saved version' })
      await expect(compare).toBeVisible()
      await axe.scan('compare dialog')
      await press(compare.getByRole('button', { name: 'Close' }))
      await press(conflict.getByRole('button', { name: 'Keep my version' }))
      await expectSaved(page)

      await press(workflow(page).getByRole('button', { name: 'Submit to desk' }))
      await expect(status(page)).toHaveText('Submitted')
      await axe.scan('story submitted (writer)')

      await press(page.getByRole('button', { name: /, switch profile$/ }))
      await expect(page.getByRole('dialog', { name: 'Switch profile' })).toBeVisible()
      await axe.scan('profile dialog (switch)')
      await page.keyboard.press('Escape')
      await switchProfile(page, 'Vikram Desk', 'Desk chief')

      await press(page.getByRole('button', { name: 'Desk queue' }))
      await expect(page.getByRole('table', { name: 'Submitted stories' })).toBeVisible()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Desk queue')
      await expect(page).toHaveTitle('Desk queue — Copydesk')
      await axe.scan('desk queue')
      await page
        .getByRole('table', { name: 'Submitted stories' })
        .getByRole('link', { name: /India, Japan Forge/ })
        .press('Enter')
      await press(workflow(page).getByRole('button', { name: 'Request changes' }))
      const ask = page.getByRole('dialog', { name: 'Request changes' })
      await ask.getByLabel('What needs to change').fill('Name both ministers.')
      await axe.scan('note dialog (request changes)')
      await press(ask.getByRole('button', { name: 'Cancel' }))

      await press(workflow(page).getByRole('button', { name: 'Approve' }))
      await expect(status(page)).toHaveText('Approved')
      await expect(page.getByRole('textbox', { name: 'Article body' })).toHaveAttribute(
        'aria-readonly',
        'true',
      )
      await axe.scan('locked story (approved, desk chief)')
      await openDrawer(page, 'Checks and notes')
      await press(page.getByRole('tab', { name: 'History' }))
      const from = page.getByLabel('Compare from version')
      await from.selectOption((await from.locator('option').last().getAttribute('value')) ?? '')
      await expect(page.getByLabel(/changed$/).first()).toBeVisible()
      // Added and removed text is said in words, not only struck through or tinted.
      await expect(page.getByLabel('Differences')).toContainText('[removed: ')
      await expect(page.getByLabel('Differences')).toContainText('[added: ')
      await axe.scan('history with a diff')
      await press(page.getByRole('tab', { name: 'Export' }))
      await axe.scan('export tab (approved)')

      await openDrawer(page, 'Articles')
      await press(page.getByRole('button', { name: 'New article' }).first())
      // No typing here: at 200% zoom the headline field is squeezed out of sight (reflow, part A).
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled story')
      await expect(page).toHaveTitle('Untitled story — Copydesk')
      await press(page.getByRole('button', { name: 'Move to trash' }))
      await openDrawer(page, 'Articles')
      await press(page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Trash' }))
      await expect(page.getByRole('navigation', { name: 'Trashed articles' })).toContainText(
        'Untitled article',
      )
      await axe.scan('trash view')

      expect(describeFindings(axe.findings)).toEqual([])
    })
  })
}
