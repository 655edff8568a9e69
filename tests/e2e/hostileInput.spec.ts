import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import { z } from 'zod'
import { contract } from '../../src/shared/ipc/contract'
import { DANGEROUS_HREF, DANGEROUS_MARKUP, XSS_PAYLOADS } from '../fixtures/xssVectors'
import { expectSaved, signIn, startNewArticle } from './actions'
import { startWebHost } from '../support/startWebHost'
import { tempDir } from '../support/tempDir'
import { exportProblems } from '../support/exportProblems'

/** What the export files hold where text could carry markup: ninjs bodies, Copydesk's body. */
const NinjsBodies = z.object({ bodies: z.array(z.object({ value: z.string() })).optional() })
const CopydeskBody = z.object({ body: z.object({ html: z.string() }) })
/** An article file's sources, as stored: a link, or a refused link kept to stay flagged. */
const StoredSources = z.object({
  sources: z.array(
    z.object({ name: z.string(), url: z.string().optional(), invalidUrl: z.string().optional() }),
  ),
})

type ApiAnswer = { ok: boolean; value?: unknown }

/** Calls the browser host's API from inside the page, as the renderer does (same origin, the tab's token). */
async function callApi(page: Page, method: string, input: unknown): Promise<ApiAnswer> {
  const [answer] = await callApiInTurn(page, [{ method, input }])
  if (answer === undefined) throw new Error(`no answer to ${method}`)
  return answer
}

/**
 * Makes the calls one after another from inside the page, as callApi does each, in one trip to the
 * page: hundreds of calls one page.evaluate each spent as long on the trips as on the calls.
 */
async function callApiInTurn(
  page: Page,
  calls: { method: string; input: unknown }[],
): Promise<ApiAnswer[]> {
  return page.evaluate(async (list) => {
    const token = sessionStorage.getItem('copydesk:token') ?? ''
    const answers: ApiAnswer[] = []
    for (const { method, input } of list) {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      })
      // The host answers every call with { ok, value } or { ok: false, error }.
      answers.push(await response.json())
    }
    return answers
  }, calls)
}

test('over 100 attack payloads through paste, HTML import and wire import: nothing runs, nothing dangerous is stored or exported', async ({
  page,
}) => {
  test.setTimeout(180_000)
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100)
  const dir = await tempDir('copydesk-e2e-')
  const host = await startWebHost(dir.path)
  const fired: string[] = []
  const out = join(dir.path, 'exports')
  let exportedCount = 0
  page.on('dialog', (dialog) => {
    fired.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  await page.exposeFunction('xss', () => fired.push('xss() ran'))
  try {
    await page.goto(host.url)
    await signIn(page)

    // Paste, ten payloads at a time, into the body editor.
    await startNewArticle(page, 'Pasted attacks')
    const body = page.getByRole('textbox', { name: 'Article body' })
    for (let i = 0; i < XSS_PAYLOADS.length; i += 10) {
      await body.click()
      const html = XSS_PAYLOADS.slice(i, i + 10).join('\n')
      await body.evaluate((element, data) => {
        const transfer = new DataTransfer()
        transfer.setData('text/html', data)
        transfer.setData('text/plain', 'fallback')
        element.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        )
      }, html)
    }
    await expectSaved(page)
    await expect(
      body.locator('script, iframe, object, embed, svg, math, img, style, form, input, video'),
    ).toHaveCount(0)
    expect(
      await body.evaluate((el) =>
        [...el.querySelectorAll('*')]
          .flatMap((n) => [...n.attributes].map((a) => a.name))
          .filter((name) => name.startsWith('on')),
      ),
    ).toEqual([])
    // The preview draws the same text; it must not run anything either.
    await page.keyboard.press('ControlOrMeta+Alt+P')
    await expect(page.getByRole('article', { name: 'Preview' })).toBeVisible()

    // HTML import and wire import, one proposal per payload, each created as an article.
    const proposals = await callApiInTurn(
      page,
      XSS_PAYLOADS.flatMap((payload, i) => [
        {
          method: 'proposeImport',
          input: { name: `attack-${i}.html`, content: `<h1>Attack ${i}</h1>${payload}` },
        },
        {
          method: 'proposeImport',
          input: {
            name: `attack-${i}.txt`,
            content: `Attack ${i}\n\nSummary ${payload}\n\nKey Points:\n• ${payload}\n\nNEW DELHI, Jan 23\n\n${payload}\n\n- IANS`,
          },
        },
      ]),
    )
    const creates = proposals.map((proposal) => {
      expect(proposal.ok).toBe(true)
      const { fields } = contract.proposeImport.output.parse(proposal.value)
      return { method: 'createArticle', input: { fields } }
    })
    for (const created of await callApiInTurn(page, creates)) expect(created.ok).toBe(true)
    await page.reload()
    await expect(
      page.getByRole('navigation', { name: 'Articles' }).getByRole('link').first(),
    ).toBeVisible()
    expect(fired).toEqual([])

    // Export every article that passes the schema, in both formats, as the app does.
    const list = contract.listArticles.output.parse((await callApi(page, 'listArticles', {})).value)
    const exports = list.flatMap(({ id }) =>
      ['copydesk', 'ninjs'].map((format) => ({
        method: 'exportArticles',
        input: { ids: [id], format, dir: out },
      })),
    )
    for (const result of await callApiInTurn(page, exports)) if (result.ok) exportedCount += 1
  } finally {
    await host.stop()
  }

  // What the next systems see: the stored JSON and every export.
  const stored = await readdir(join(dir.path, 'articles'))
  expect(stored.length).toBe(1 + XSS_PAYLOADS.length * 2)
  for (const name of stored) {
    const text = await readFile(join(dir.path, 'articles', name), 'utf8')
    expect(text, name).not.toMatch(DANGEROUS_HREF)
  }
  const exported = await readdir(out)
  expect(exported.length).toBe(exportedCount)
  expect(exportedCount).toBeGreaterThan(XSS_PAYLOADS.length)
  for (const name of exported) {
    const document: unknown = JSON.parse(await readFile(join(out, name), 'utf8'))
    expect(exportProblems(name, document), name).toEqual([])
    const html = JSON.stringify(document)
    expect(html, name).not.toMatch(DANGEROUS_HREF)
    const bodies = name.includes('.ninjs.')
      ? (NinjsBodies.parse(document).bodies ?? []).map((b) => b.value)
      : [CopydeskBody.parse(document).body.html]
    for (const value of bodies) expect(value, name).not.toMatch(DANGEROUS_MARKUP)
  }
  await dir.cleanup()
})

// Regression: a source link that is not http(s) was flagged while typed, then silently left out of
// the save; after a reload it was gone and nothing stopped the story going to the desk without it.
test('a refused source link stays as typed, flagged in the field and the checks, blocks submission until fixed, and is never exported', async ({
  page,
}) => {
  const dir = await tempDir('copydesk-e2e-')
  const host = await startWebHost(dir.path)
  const out = join(dir.path, 'exports')
  const typed = 'javascript:alert(document.cookie)'
  try {
    await page.goto(host.url)
    await signIn(page)
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…' }).click()
    await (
      await chooser
    ).setFiles(fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url)))
    await page
      .getByRole('dialog', { name: 'Review import' })
      .getByRole('button', { name: 'Create article' })
      .click()
    await expect(page.getByLabel('Agency credit')).toHaveValue('IANS')
    const submit = page.getByRole('group', { name: 'Workflow' }).getByRole('button', {
      name: 'Submit to desk',
    })
    await expect(submit).toBeEnabled()

    await page.getByRole('button', { name: 'Add source' }).click()
    const count = await page.getByLabel(/^Source \d+ name$/).count()
    await page.getByLabel(`Source ${count} name`).fill('Ministry of External Affairs')
    const link = page.getByLabel(`Source ${count} link`)
    await link.fill(typed)
    const problems = page.getByRole('list', { name: 'Problems' })
    const flagged = async () => {
      await expect(link).toHaveValue(typed)
      await expect(link).toHaveAttribute('aria-invalid', 'true')
      await expect(link).toHaveAccessibleDescription('Not an http(s) link: fix it or clear it.')
      // Regression (L8): the field's border was the orange of a warning next to red error text.
      expect(await link.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(
        await page
          .getByText('Not an http(s) link: fix it or clear it.')
          .evaluate((el) => getComputedStyle(el).color),
      )
      await expect(problems).toContainText(
        `Source ${count}’s link is not an http(s) address: fix it or clear it.`,
      )
      await expect(submit).toBeDisabled()
    }
    await flagged()
    await expectSaved(page)
    if (process.env['SCREENSHOTS']) {
      await link.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${process.env['SCREENSHOTS']}/source-link-flagged.png` })
    }
    // Still there, still flagged, after a reload from the store.
    await page.reload()
    await flagged()

    // The store holds it apart from the links, main refuses to submit it, and no export carries it.
    const id = /#\/article\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
    const stored = StoredSources.parse(
      JSON.parse(await readFile(join(dir.path, 'articles', `${id}.json`), 'utf8')),
    )
    expect(stored.sources).toContainEqual({
      name: 'Ministry of External Affairs',
      invalidUrl: typed,
    })
    expect(stored.sources.some((source) => source.url?.startsWith('javascript:'))).toBe(false)
    const refused = await callApi(page, 'transition', { id, action: 'submit' })
    expect(refused.ok).toBe(false)
    for (const format of ['copydesk', 'ninjs'])
      expect((await callApi(page, 'exportArticles', { ids: [id], format, dir: out })).ok).toBe(true)
    for (const name of await readdir(out)) {
      const text = await readFile(join(out, name), 'utf8')
      expect(text, name).toContain('Ministry of External Affairs')
      expect(text, name).not.toContain('javascript:')
    }

    // Fixed: the flag and the check go, and the story can go to the desk with its link.
    await link.fill('https://www.mea.gov.in/press-releases.htm')
    await expect(link).not.toHaveAttribute('aria-invalid', 'true')
    await expect(problems).not.toContainText('not an http(s) address')
    await expect(submit).toBeEnabled()
    await expectSaved(page)
    await submit.click()
    await expect(
      page.getByRole('group', { name: 'Story' }).getByText('Submitted', { exact: true }),
    ).toBeVisible()
  } finally {
    await host.stop()
    await dir.cleanup()
  }
})

// Regression (H1): a source row with a link and no name was left out of the save before its link
// was looked at: the field and checks flagged it, "Saved at…" showed, the store held no source, and
// after a reload the row was gone and Submit enabled.
test('a source with a link but no name is saved, flagged in the field and the checks, and blocks submission until named', async ({
  page,
}) => {
  const dir = await tempDir('copydesk-e2e-')
  const host = await startWebHost(dir.path)
  try {
    await page.goto(host.url)
    await signIn(page)
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…' }).click()
    await (
      await chooser
    ).setFiles(fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url)))
    await page
      .getByRole('dialog', { name: 'Review import' })
      .getByRole('button', { name: 'Create article' })
      .click()
    const submit = page.getByRole('group', { name: 'Workflow' }).getByRole('button', {
      name: 'Submit to desk',
    })
    await expect(submit).toBeEnabled()
    await page.getByRole('button', { name: 'Add source' }).click()
    const count = await page.getByLabel(/^Source \d+ name$/).count()
    const name = page.getByLabel(`Source ${count} name`)
    const link = page.getByLabel(`Source ${count} link`)
    await link.fill('https://www.mea.gov.in/press-releases.htm')
    const problems = page.getByRole('list', { name: 'Problems' })
    const flagged = async () => {
      await expect(link).toHaveValue('https://www.mea.gov.in/press-releases.htm')
      await expect(name).toHaveAttribute('aria-invalid', 'true')
      await expect(name).toHaveAccessibleDescription('Add the name of this source.')
      await expect(problems).toContainText(`Source ${count} has a link but no name: add the name.`)
      await expect(submit).toBeDisabled()
    }
    await flagged()
    await expectSaved(page)
    if (process.env['SCREENSHOTS']) {
      await link.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${process.env['SCREENSHOTS']}/source-without-name.png` })
    }
    const id = /#\/article\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
    const stored = async () =>
      StoredSources.parse(
        JSON.parse(await readFile(join(dir.path, 'articles', `${id}.json`), 'utf8')),
      ).sources
    expect(await stored()).toContainEqual({
      name: '',
      url: 'https://www.mea.gov.in/press-releases.htm',
    })
    await page.reload()
    await flagged()
    expect((await callApi(page, 'transition', { id, action: 'submit' })).ok).toBe(false)

    await name.fill('Ministry of External Affairs')
    await expect(name).not.toHaveAttribute('aria-invalid', 'true')
    await expect(problems).not.toContainText('no name')
    await expect(submit).toBeEnabled()
    await expectSaved(page)
    expect(await stored()).toContainEqual({
      name: 'Ministry of External Affairs',
      url: 'https://www.mea.gov.in/press-releases.htm',
    })
  } finally {
    await host.stop()
    await dir.cleanup()
  }
})
