import type { Page } from '@playwright/test'

/**
 * What breaks reflow (WCAG 1.4.10) on the page as it stands, in words: the document scrolling
 * sideways, a visible control or text block cut by a box that clips it, or two of them overlapping.
 * A box that scrolls vertically (the page, the side panel, a dialog) may hide what is above or below
 * its view: that is scrolling, not clipping; it may not cut anything sideways. With a modal dialog
 * open, only the dialog is checked; `within` (a selector, e.g. an open drawer's id) narrows it the
 * same way. Returns [] when the layout holds.
 */
export async function layoutProblems(page: Page, within?: string): Promise<string[]> {
  return page.evaluate((within) => {
    const problems: string[] = []
    const root = document.scrollingElement ?? document.documentElement
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(
        `the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth}`,
      )

    const describe = (el: Element) => {
      const name =
        el.getAttribute('aria-label') ??
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
          ? el.value || el.placeholder
          : (el.textContent ?? ''))
      return `<${el.tagName.toLowerCase()}> "${name.trim().replace(/\s+/g, ' ').slice(0, 40)}"`
    }
    const interactive =
      'a[href], button, input, select, textarea, [contenteditable="true"], [tabindex]'
    const hasOwnText = (el: Element) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())
    const shown = (el: Element) => {
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) return false
      const box = el.getBoundingClientRect()
      // Visually hidden text (1 px, clipped) is for screen readers: it has no layout to keep.
      return box.width > 1 && box.height > 1
    }

    type Box = { left: number; right: number; top: number; bottom: number }
    const clippers = (el: Element) => {
      const found: { el: Element; box: Box; scrollsY: boolean }[] = []
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a)
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
        if (a === document.body || a === document.documentElement) continue
        const r = a.getBoundingClientRect()
        found.push({
          el: a,
          box: {
            left: r.left + a.clientLeft,
            top: r.top + a.clientTop,
            right: r.left + a.clientLeft + a.clientWidth,
            bottom: r.top + a.clientTop + a.clientHeight,
          },
          scrollsY: style.overflowY === 'auto' || style.overflowY === 'scroll',
        })
      }
      return found
    }

    const items: { el: Element; rects: Box[] }[] = []
    // Behind a modal dialog the page is inert and may be covered: only the dialog counts then.
    const scope =
      (within ? document.querySelector(within) : null) ??
      document.querySelector('dialog:modal') ??
      document.body
    for (const el of scope.querySelectorAll('*')) {
      if (!(el.matches(interactive) || hasOwnText(el)) || !shown(el)) continue
      if (el.closest('[aria-hidden="true"], .visually-hidden')) continue
      const box = el.getBoundingClientRect()
      let visible: Box = { left: box.left, right: box.right, top: box.top, bottom: box.bottom }
      let scrolledAway = false
      for (const clip of clippers(el)) {
        const cutX = box.left < clip.box.left - 1 || box.right > clip.box.right + 1
        const cutY = box.top < clip.box.top - 1 || box.bottom > clip.box.bottom + 1
        if (cutX)
          problems.push(`${describe(el)} is cut at the side by its container ${describe(clip.el)}`)
        if (cutY && !clip.scrollsY)
          problems.push(`${describe(el)} is cut at the top or bottom by ${describe(clip.el)}`)
        visible = {
          left: Math.max(visible.left, clip.box.left),
          right: Math.min(visible.right, clip.box.right),
          top: Math.max(visible.top, clip.box.top),
          bottom: Math.min(visible.bottom, clip.box.bottom),
        }
        if (visible.bottom <= visible.top || visible.right <= visible.left) scrolledAway = true
      }
      const style = getComputedStyle(el)
      if (
        hasOwnText(el) &&
        !el.matches('input, textarea, select') &&
        style.overflowX !== 'visible' &&
        el.scrollWidth > el.clientWidth + 1
      )
        problems.push(`${describe(el)} cuts its own text at the side`)
      if (scrolledAway) continue
      const rects = [...el.getClientRects()]
        .map((r) => ({
          left: Math.max(r.left, visible.left),
          right: Math.min(r.right, visible.right),
          top: Math.max(r.top, visible.top),
          bottom: Math.min(r.bottom, visible.bottom),
        }))
        .filter((r) => r.right - r.left > 1 && r.bottom - r.top > 1)
      items.push({ el, rects })
    }

    const overlap = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]
        const b = items[j]
        if (!a || !b || a.el.contains(b.el) || b.el.contains(a.el)) continue
        if (a.rects.some((ra) => b.rects.some((rb) => overlap(ra, rb))))
          problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`)
      }
    }
    return [...new Set(problems)]
  }, within)
}
