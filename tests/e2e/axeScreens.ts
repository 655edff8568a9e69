import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** One axe violation, where it was found: enough to name it in a report and find the element. */
export type Finding = {
  rule: string
  screen: string
  theme: 'light' | 'dark'
  size: string
  impact: string
  targets: string[]
  help: string
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * Runs axe on the page as it is now, in the light and the dark theme, and keeps what it finds, so
 * one walk through the app audits every screen and the test reports them all at once.
 */
export function axeScreens(page: Page, size: string) {
  const findings: Finding[] = []
  return {
    findings,
    async scan(screen: string): Promise<void> {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        // Let the theme's colours apply (and any transition end) before axe reads them.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
        )
        const results = await new AxeBuilder({ page })
          // One axe.run in the page. The default (axe.runPartial per frame, then axe.finishRun in a
          // new blank page with axe injected again) exists for cross-origin frames, which Copydesk
          // has none of: it cost a tab and a second injection per scan, 2 to 3 times the scan.
          .setLegacyMode()
          .withTags(TAGS)
          .options({
            // Experimental in axe, so off unless asked for: WCAG 2.5.3, names contain visible text.
            rules: { 'label-content-name-mismatch': { enabled: true } },
            // Only the violations are read: every rule is still run on every node, but the nodes
            // that passed (thousands on the editor) are not serialised back to the test.
            resultTypes: ['violations'],
          })
          .analyze()
        for (const violation of results.violations)
          findings.push({
            rule: violation.id,
            screen,
            theme,
            size,
            impact: violation.impact ?? '',
            targets: violation.nodes.map((node) => node.target.join(' ')),
            help: violation.help,
          })
      }
      await page.emulateMedia({ colorScheme: null })
      // For the audit write-up: what was found so far, even if a later step of the walk fails.
      const report = process.env['A11Y_REPORT']
      if (report)
        await writeFile(
          join(report, `${size.replace(/\W+/g, '-')}.json`),
          JSON.stringify(findings, null, 2),
        )
    },
  }
}
