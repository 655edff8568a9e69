import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import type { EditableFields } from '../src/shared/domain/Article'
import { countWords, docText } from '../src/shared/domain/countWords'
import { openWorkstation } from '../src/main/openWorkstation'
import { chromiumLaunch, findChromium } from '../tests/support/chromiumLaunch'
import { startWebHost } from '../tests/support/startWebHost'
import { ms, percentile, type Row } from './benchTable'
import { BARE_PAGE, portOf, serveBarePage } from './serveBarePage'
import { latencyProbe, splitNote, typeAndMeasure, type Split } from './typingProbe'

const FRAME_MS = 1000 / 60
const WARMUP_KEYS = 50
const ROUNDS = 3
const VIEWPORT = { width: 1360, height: 860 }
const SHORT_PARAGRAPHS = 20

type Editor = {
  name: string
  page: Page
  samples: number[]
  splits: Split[]
  words: number
  close: () => Promise<void>
}

/** The app in the browser host, with the article open and the caret in the middle of its body. */
async function openApp(
  browser: Browser,
  dataDir: string,
  fields: Partial<EditableFields>,
): Promise<Editor> {
  const workstation = await openWorkstation({ dataDir, host: 'cli', version: 'bench' })
  await workstation.profiles.set({ name: 'Bench Writer', role: 'writer' })
  await workstation.articles.create({ fields })
  await workstation.close()
  const host = await startWebHost(dataDir)
  const page = await browser.newPage({ viewport: VIEWPORT })
  await page.addInitScript(latencyProbe)
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('link').first().click()
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.getByText('India Narrative').first().waitFor()
  await placeCaret(page, body.locator('p'))
  return {
    name: 'app',
    page,
    samples: [],
    splits: [],
    words: countWords(docText(fields.body)),
    close: async () => {
      await page.close()
      await host.stop()
    },
  }
}

/**
 * A page without the app: bare ProseMirror, or TipTap with the app's extensions (see main.ts).
 * `short` keeps only the body's first paragraphs: bare ProseMirror on a short text is this machine's
 * floor for a keystroke, whatever the length of the document.
 */
async function openBare(
  browser: Browser,
  fields: Partial<EditableFields>,
  mode: 'bare' | 'tiptap' | 'tiptap-plain',
  short = false,
): Promise<Editor> {
  const paragraphs = (fields.body?.content ?? [])
    .map((block) => docText(block))
    .slice(0, short ? SHORT_PARAGRAPHS : undefined)
  const server = await serveBarePage(JSON.stringify(paragraphs), JSON.stringify(fields.body))
  const page = await browser.newPage({ viewport: VIEWPORT })
  await page.addInitScript(latencyProbe)
  await page.goto(`http://127.0.0.1:${portOf(server)}/index.html?editor=${mode}`)
  await page.locator('body[data-ready="true"]').waitFor()
  await placeCaret(page, page.getByRole('textbox', { name: 'Bare ProseMirror' }).locator('p'))
  return {
    name: short ? `${mode}-short` : mode,
    page,
    samples: [],
    splits: [],
    words: countWords(paragraphs.join('\n')),
    close: async () => {
      await page.close()
      server.close()
    },
  }
}

/**
 * Warms each editor up, then types in them by turns, a round at a time, so a slow spell of this
 * machine falls on all of them alike. With --profile-typing, writes each page's CPU profile and a
 * trace to bench-results/ (open them in Chrome DevTools' Performance panel).
 */
async function typeInTurns(editors: Editor[], keys: number): Promise<void> {
  const profiling = process.argv.includes('--profile-typing')
  const sessions = profiling
    ? await Promise.all(editors.map((e) => e.page.context().newCDPSession(e.page)))
    : []
  for (const session of sessions) {
    await session.send('Profiler.enable')
    await session.send('Profiler.start')
  }
  const browser = editors[0]?.page.context().browser()
  if (profiling)
    await browser?.startTracing(undefined, { categories: ['devtools.timeline', 'blink'] })
  const lifecycles = await Promise.all(editors.map((e) => e.page.context().newCDPSession(e.page)))
  // Only the page being typed in runs; the others are frozen so they take no share of the machine.
  const runOnly = (active: number) =>
    Promise.all(
      lifecycles.map((session, index) =>
        session.send('Page.setWebLifecycleState', {
          state: index === active ? 'active' : 'frozen',
        }),
      ),
    )
  for (let round = 0; round < ROUNDS; round += 1)
    for (const [index, editor] of editors.entries()) {
      await runOnly(index)
      if (round === 0) await typeAndMeasure(editor.page, WARMUP_KEYS)
      const measured = await typeAndMeasure(editor.page, Math.ceil(keys / ROUNDS))
      editor.samples.push(...measured.total)
      editor.splits.push(...measured.splits)
    }
  await runOnly(-1)
  if (!profiling) return
  await mkdir('bench-results', { recursive: true })
  const trace = await browser?.stopTracing()
  if (trace) await writeFile(join('bench-results', 'typing.trace.json'), trace)
  for (const [index, session] of sessions.entries()) {
    const { profile } = await session.send('Profiler.stop')
    const name = editors[index]?.name ?? String(index)
    await writeFile(join('bench-results', `typing-${name}.cpuprofile`), JSON.stringify(profile))
  }
}

/** Puts the caret at the end of a paragraph in the middle of the document, where editors revise. */
async function placeCaret(page: Page, paragraphs: ReturnType<Page['locator']>): Promise<void> {
  const middle = paragraphs.nth(Math.floor((await paragraphs.count()) / 2))
  await middle.scrollIntoViewIfNeeded()
  await middle.click()
  await page.keyboard.press('End')
}

/**
 * Typing latency in Chromium: keydown to the next drawn frame in the app's editor (every extension,
 * React views, autosave, counts) on a 10,000-word article, beside bare ProseMirror with its text.
 */
export async function benchTyping(
  dataDir: string,
  fields: Partial<EditableFields>,
  keys: number,
): Promise<Row[]> {
  const found = findChromium()
  const skipped = (reason: string): Row[] => [
    {
      measure: 'typing in Chromium',
      value: 'skipped',
      baseline: reason,
      ratio: '',
      target: '',
      pass: null,
    },
  ]
  if ('missing' in found) return skipped(found.missing)
  if (!existsSync(join(BARE_PAGE, 'index.html')))
    return skipped('the bare ProseMirror page is not built (npm run bench builds it)')
  const { chromium } = await import('@playwright/test')
  const browser = await chromium.launch(chromiumLaunch)
  const editors: Editor[] = []
  try {
    if (wanted('app')) editors.push(await openApp(browser, dataDir, fields))
    for (const mode of ['tiptap', 'tiptap-plain'] as const)
      if (wanted(mode)) editors.push(await openBare(browser, fields, mode))
    editors.push(await openBare(browser, fields, 'bare'))
    if (wanted('bare-short')) editors.push(await openBare(browser, fields, 'bare', true))
    await typeInTurns(editors, keys)
  } finally {
    for (const editor of editors) await editor.close()
    await browser.close()
  }
  const editorNamed = (name: string) => editors.find((editor) => editor.name === name)
  const bareEditor = editorNamed('bare')
  const bare = bareEditor?.samples ?? []
  const bareP95 = percentile(bare, 95)
  const row = (label: string, editor: Editor, target: boolean): Row => {
    const samples = editor.samples
    return {
      measure: `typing, ${label}: keydown to next frame p50 / p95, ${editor.words.toLocaleString('en-US')} words`,
      value: `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`,
      baseline: `bare ProseMirror ${ms(percentile(bare, 50))} / ${ms(bareP95)} (${splitNote(bareEditor?.splits ?? [])})`,
      ratio: `${(percentile(samples, 95) / bareP95).toFixed(2)}× bare`,
      target: target ? `≤ ${FRAME_MS.toFixed(1)} ms` : '',
      pass: target ? percentile(samples, 95) <= FRAME_MS : null,
      note:
        `${splitNote(editor.splits)}; ${samples.length} keys in ${ROUNDS} turns after ` +
        `${WARMUP_KEYS} to warm up; slowest ${ms(Math.max(...samples))}`,
    }
  }
  const rows: [string, string, boolean][] = [
    ['app', 'the app', true],
    ['tiptap', 'TipTap + our extensions, no app', false],
    ['tiptap-plain', 'TipTap + our extensions, text as plain paragraphs', false],
    [
      'bare-short',
      `bare ProseMirror, the first ${SHORT_PARAGRAPHS} paragraphs (this machine's floor)`,
      false,
    ],
  ]
  return rows.flatMap(([name, label, target]) => {
    const editor = editorNamed(name)
    return editor ? [row(label, editor, target)] : []
  })
}

/** `--editors=app,tiptap,tiptap-plain,bare-short` types in just those (bare ProseMirror, the baseline, always runs). */
function wanted(editor: string): boolean {
  const option = process.argv.find((arg) => arg.startsWith('--editors='))
  return !option || option.slice('--editors='.length).split(',').includes(editor)
}
