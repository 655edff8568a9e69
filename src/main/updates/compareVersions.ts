const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

/** A semantic version's parts, or null when `text` is not one. */
export function parseVersion(
  text: string,
): { core: [number, number, number]; pre: string[] } | null {
  const match = SEMVER.exec(text.trim())
  if (!match) return null
  const [, major, minor, patch, pre] = match
  return {
    core: [Number(major), Number(minor), Number(patch)],
    pre: pre ? pre.split('.') : [],
  }
}

/**
 * Semantic-version precedence (semver.org §11): negative when `a` is older than `b`, 0 when equal,
 * positive when newer. 1.2.0-beta.2 < 1.2.0-beta.10 < 1.2.0. Throws on a version that is not one.
 */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a)
  const right = parseVersion(b)
  if (!left || !right) throw new Error(`Not a semantic version: ${left ? b : a}`)
  for (let i = 0; i < 3; i++) {
    const diff = (left.core[i] ?? 0) - (right.core[i] ?? 0)
    if (diff !== 0) return Math.sign(diff)
  }
  if (left.pre.length === 0 || right.pre.length === 0)
    return Math.sign(right.pre.length - left.pre.length)
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i++) {
    const x = left.pre[i]
    const y = right.pre[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const order = comparePart(x, y)
    if (order !== 0) return order
  }
  return 0
}

function comparePart(x: string, y: string): number {
  const xNumeric = /^\d+$/.test(x)
  const yNumeric = /^\d+$/.test(y)
  if (xNumeric && yNumeric) return Math.sign(Number(x) - Number(y))
  if (xNumeric) return -1
  if (yNumeric) return 1
  return x < y ? -1 : x > y ? 1 : 0
}
