import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { moveCaret, signIn, startNewArticle } from './actions'

/**
 * Where the caret is against the box that scrolls the article: its distance below that box's top
 * and above its bottom (both positive while it shows), and how far the box is scrolled.
 */
async function caretPlace(page: Page) {
  return page.evaluate(() => {
    const selection = getSelection()
    const body = document.querySelector('[aria-label="Article body"]')
    if (!selection?.rangeCount || !body) throw new Error('no caret in the body')
    const range = selection.getRangeAt(0)
    const rects = range.getClientRects()
    const caret =
      rects[rects.length - 1] ?? range.startContainer.parentElement?.getBoundingClientRect()
    let scroller = body.parentElement
    while (scroller && !/^(auto|scroll)$/.test(getComputedStyle(scroller).overflowY))
      scroller = scroller.parentElement
    if (!caret || !scroller) throw new Error('no caret box or no scrolling box')
    const box = scroller.getBoundingClientRect()
    return {
      belowTop: caret.top - box.top,
      aboveBottom: box.top + scroller.clientHeight - caret.bottom,
      scrolled: scroller.scrollTop,
    }
  })
}

test('the caret stays in view while a long body is typed, at both ends of it, and the count keeps up', async ({
  page,
  desk,
}) => {
  // 930 keys, each a round trip to the browser: slow beside other tests on a busy machine.
  test.setTimeout(120_000)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'A long story typed line by line')
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.click()
  const words = page.getByRole('group', { name: 'Story' }).getByText(/^[\d,]+ words$/)
  for (let line = 1; line <= 30; line += 1) {
    await page.keyboard.type(`Paragraph ${line} of the story.`)
    await page.keyboard.press('Enter')
    // Seconds into typing without a pause, the word count has already followed (read, not waited for).
    if (line === 20) expect(await words.textContent()).not.toBe('0 words')
  }
  await page.keyboard.type('The last line')

  // Typing on past the bottom of the view scrolls it, keeping the caret clear of the edge.
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/long-body-typing.png` })
  let place = await caretPlace(page)
  expect(place.scrolled).toBeGreaterThan(0)
  expect(place.aboveBottom).toBeGreaterThanOrEqual(16)
  expect(place.belowTop).toBeGreaterThan(0)

  // Back at the top, the first line shows, and typing there keeps it in view.
  await moveCaret(page, 'ControlOrMeta+Home')
  await page.keyboard.type('Now: ')
  place = await caretPlace(page)
  expect(place.belowTop).toBeGreaterThan(0)
  expect(place.aboveBottom).toBeGreaterThan(0)
  await expect(body.getByRole('paragraph').first()).toHaveText('Now: Paragraph 1 of the story.')

  // Scrolled away from the caret, the next key brings it back into view.
  await page.mouse.move(700, 500)
  await page.mouse.wheel(0, 5000)
  await expect.poll(async () => (await caretPlace(page)).belowTop).toBeLessThan(0)
  await page.keyboard.type('x')
  place = await caretPlace(page)
  expect(place.belowTop).toBeGreaterThanOrEqual(16)
  expect(place.aboveBottom).toBeGreaterThan(0)
})
