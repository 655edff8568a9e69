import type { Node as PmNode } from '@tiptap/pm/model'
import type { BodyDoc, DocNode } from '../domain/DocNode'

/**
 * Each top-level block of a body checkBody has stored, and the ProseMirror node it was made from
 * (which reads back from that JSON as that same node). Only blocks whose stored JSON is exactly the
 * node's own are kept (no link rewritten), and a stored body is never changed in place.
 */
const nodeOf = new WeakMap<DocNode, PmNode>()

export function rememberStoredBlock(block: DocNode, node: PmNode): void {
  nodeOf.set(block, node)
}

/**
 * For each block of `body`, the block of `previous` (a body checkBody stored) it equals, found in the
 * unchanged run at the start and at the end, as an edit leaves them; undefined for a block to read.
 * Undefined altogether when nothing can be reused or `body` has more than a type and content.
 */
export function reusableBlocks(
  body: BodyDoc,
  previous: BodyDoc,
): { block: DocNode; node: PmNode }[] | undefined {
  const next: unknown = body.content
  const before = previous.content
  if (!Array.isArray(next) || !before || Object.keys(body).some(isNotDocKey)) return undefined
  const found: { block: DocNode; node: PmNode }[] = []
  const reuse = (at: number, from: number): boolean => {
    const block = before[from]
    const node = block && nodeOf.get(block)
    if (!block || !node || !sameJson(next[at], block)) return false
    found[at] = { block, node }
    return true
  }
  let start = 0
  while (start < next.length && start < before.length && reuse(start, start)) start += 1
  let end = 1
  while (
    next.length - end >= start &&
    before.length - end >= start &&
    reuse(next.length - end, before.length - end)
  )
    end += 1
  return found.length > 0 ? found : undefined
}

function isNotDocKey(key: string): boolean {
  return key !== 'type' && key !== 'content'
}

/** Whether two JSON values are equal, key for key (in any order); walked without recursion. */
export function sameJson(a: unknown, b: unknown): boolean {
  // Two stacks side by side: no pair object made per value.
  const xs: unknown[] = [a]
  const ys: unknown[] = [b]
  while (xs.length > 0) {
    const x = xs.pop()
    const y = ys.pop()
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false
      for (let i = 0; i < x.length; i += 1) {
        xs.push(x[i])
        ys.push(y[i])
      }
      continue
    }
    if (Array.isArray(y)) return false
    const keys = Object.keys(x)
    if (keys.length !== Object.keys(y).length) return false
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false
      xs.push(Reflect.get(x, key))
      ys.push(Reflect.get(y, key))
    }
  }
  return true
}
