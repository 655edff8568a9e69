import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Drives the page by keyboard only and counts the keys a step takes, so a test can bound how far
 * each control is from the last: reach that regresses (a new stop in the Tab order, a lost
 * shortcut) fails the step's bound. Text typed into fields is not counted: every other key is.
 */
export class KeyCounter {
  private presses = 0
  readonly counts: { step: string; presses: number; bound: number }[] = []

  constructor(private readonly page: Page) {}

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.presses += 1
      await this.page.keyboard.press(key)
    }
  }

  /** Types text: the characters themselves are not counted. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
  }

  /** Presses `key` (Tab by default) until `target` has focus; fails after `most` presses. */
  async moveTo(target: Locator, most: number, key = 'Tab'): Promise<void> {
    for (let i = 0; i < most; i++) {
      if (await target.evaluate((element) => element === document.activeElement)) return
      await this.press(key)
    }
    await expect(target).toBeFocused()
  }

  /** Runs one step of the journey and asserts it took at most `bound` counted keys. */
  async step(name: string, bound: number, run: () => Promise<void>): Promise<void> {
    const before = this.presses
    await run()
    const presses = this.presses - before
    this.counts.push({ step: name, presses, bound })
    expect(presses, `"${name}" took ${presses} keys; its bound is ${bound}`).toBeLessThanOrEqual(
      bound,
    )
  }
}
