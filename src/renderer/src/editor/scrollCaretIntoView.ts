import { NodeSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** Room kept between the caret and the top or bottom of what scrolls, so the next line shows too. */
export const CARET_MARGIN = 32

type Span = { top: number; bottom: number }

const scrollersByEditor = new WeakMap<Element, HTMLElement[]>()

/**
 * ProseMirror's `handleScrollToSelection`: keeps the caret (or the selected node) in view in every
 * scrolling box around the editor, then the window. ProseMirror's own walks every ancestor of the
 * caret on each keystroke, reading each one's box and computed style; in the app that is over a
 * dozen elements and the largest part of a keystroke's script. The scrolling boxes are found once
 * per editor and kept while they still hold it.
 */
export function scrollCaretIntoView(view: EditorView): boolean {
  let target = selectionSpan(view)
  if (!target) return false
  for (const scroller of scrollersOf(view.dom)) {
    const box = scroller.getBoundingClientRect()
    const top = box.top + scroller.clientTop
    const move = scrollDistance(target, { top, bottom: top + scroller.clientHeight })
    if (move === 0) continue
    const before = scroller.scrollTop
    scroller.scrollTop = before + move
    const moved = scroller.scrollTop - before
    target = { top: target.top - moved, bottom: target.bottom - moved }
  }
  const move = scrollDistance(target, { top: 0, bottom: window.innerHeight })
  if (move !== 0) window.scrollBy(0, move)
  return true
}

/**
 * How far a box must scroll for `target` to sit inside `view` with CARET_MARGIN to spare: negative
 * to scroll up, 0 when it already does. A target taller than the view is brought to its top.
 */
export function scrollDistance(target: Span, view: Span): number {
  const margin = Math.min(CARET_MARGIN, Math.max(0, (view.bottom - view.top) / 4))
  if (target.top < view.top + margin) return target.top - view.top - margin
  if (target.bottom > view.bottom - margin)
    return target.bottom - target.top > view.bottom - view.top - 2 * margin
      ? target.top - view.top - margin
      : target.bottom - view.bottom + margin
  return 0
}

function selectionSpan(view: EditorView): Span | null {
  const { selection } = view.state
  if (selection instanceof NodeSelection) {
    const dom = view.nodeDOM(selection.from)
    if (dom instanceof Element) return dom.getBoundingClientRect()
  }
  const coords = view.coordsAtPos(selection.head, 1)
  // A caret in an element without a box (display: none) has no place to scroll to.
  return coords.top === 0 && coords.bottom === 0 && coords.left === 0 ? null : coords
}

function scrollersOf(dom: Element): HTMLElement[] {
  const known = scrollersByEditor.get(dom)
  if (known?.every((scroller) => scroller.isConnected && scroller.contains(dom))) return known
  const found: HTMLElement[] = []
  const root = dom.ownerDocument
  for (let node = dom.parentElement; node; node = node.parentElement) {
    if (node === root.body || node === root.documentElement) break
    if (/^(auto|scroll|overlay)$/.test(getComputedStyle(node).overflowY)) found.push(node)
  }
  scrollersByEditor.set(dom, found)
  return found
}
