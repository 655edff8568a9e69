import type { Page } from '@playwright/test'
import { ms, percentile } from './benchTable'

const TYPED = 'The minister said talks would resume next week in Tokyo. '

declare global {
  interface Window {
    copydeskLatencies?: number[]
    copydeskSplits?: Split[]
    copydeskMeasured?: (count: number) => Promise<void>
  }
}

/**
 * Where a key's time goes: `handling` from keydown until the editor has taken the typed text in
 * (the input event and ProseMirror's read of the DOM change; null for a key without input), and
 * `frame` from the start of the next frame until it is drawn (style, layout, paint on the main thread).
 */
export type Split = { handling: number | null; frame: number }

/** Records, for every keydown, the time until the frame after it has been drawn, and its split. */
export function latencyProbe(): void {
  const latencies: number[] = []
  const splits: Split[] = []
  let waiter: { count: number; resolve: () => void } | undefined
  let handledAt: number | null = null
  window.copydeskLatencies = latencies
  window.copydeskSplits = splits
  // Resolves once `count` keys are measured: the bench waits on this rather than polling every frame.
  window.copydeskMeasured = (count) =>
    new Promise((resolve) => {
      if (latencies.length >= count) resolve()
      else waiter = { count, resolve }
    })
  document.addEventListener(
    'input',
    // ProseMirror reads the change in a mutation-observer microtask queued before this one.
    () => queueMicrotask(() => queueMicrotask(() => (handledAt = performance.now()))),
    true,
  )
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp
      handledAt = null
      requestAnimationFrame(() => {
        const frameStart = performance.now()
        // rAF runs before the frame is drawn; a message posted from it runs after.
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          const drawn = performance.now()
          latencies.push(drawn - start)
          splits.push({
            handling: handledAt === null ? null : handledAt - start,
            frame: drawn - frameStart,
          })
          if (waiter && latencies.length >= waiter.count) waiter.resolve()
        }
        channel.port2.postMessage(null)
      })
    },
    true,
  )
}

/** Types `keys` keys at a typist's pace where the caret is, one frame measured per key. */
export async function typeAndMeasure(
  page: Page,
  keys: number,
): Promise<{ total: number[]; splits: Split[] }> {
  const before = await page.evaluate(() => window.copydeskLatencies?.length ?? 0)
  for (let i = before; i < before + keys; i += 1) {
    const char = TYPED[i % TYPED.length] ?? ' '
    await page.keyboard.press(i % 120 === 119 ? 'Enter' : char === ' ' ? 'Space' : char)
    await page.evaluate((n) => window.copydeskMeasured?.(n), i + 1)
    await page.waitForTimeout(40)
  }
  const [total, splits] = await page.evaluate(
    () => [window.copydeskLatencies ?? [], window.copydeskSplits ?? []] as const,
  )
  return { total: total.slice(before), splits: splits.slice(before) }
}

/** The p50 / p95 of the handling and frame parts of each key (see Split). */
export function splitNote(splits: Split[]): string {
  const handling = splits.flatMap((split) => (split.handling === null ? [] : [split.handling]))
  const frame = splits.map((split) => split.frame)
  return (
    `handling ${ms(percentile(handling, 50))} / ${ms(percentile(handling, 95))}, ` +
    `frame ${ms(percentile(frame, 50))} / ${ms(percentile(frame, 95))}`
  )
}
