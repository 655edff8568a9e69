const EMPTY = 0
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a of a string's char codes, the same as `hashStep` run over them one by one. */
export function hashOf(term: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < term.length; i += 1) hash = hashStep(hash, term.charCodeAt(i))
  return hash
}

/** The start of a hash built one char code at a time. */
export const HASH_START = FNV_OFFSET

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME)
}

/**
 * Term numbers by term, looked up by a slice of a text without making the slice's string: open
 * addressing over typed arrays. A Map needs a fresh string for every word of every text, and
 * making and hashing 18 million of them was most of the cost of a first build.
 */
export class TermTable {
  /** Term number + 1 per slot; 0 is empty. */
  private slots = new Int32Array(1 << 12)
  private hashes = new Int32Array(1 << 11)
  private readonly terms: string[] = []

  get size(): number {
    return this.terms.length
  }

  /** The number of the term equal to `text[from, to)`, whose hash is `hash`; -1 if none. */
  find(text: string, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? EMPTY
      if (entry === EMPTY) return -1
      const n = entry - 1
      if ((this.hashes[n] ?? 0) === (hash | 0) && sameChars(this.terms[n] ?? '', text, from, to))
        return n
    }
  }

  /** Adds a term not in the table yet; it gets the next number. */
  add(term: string, hash = hashOf(term)): number {
    const n = this.terms.length
    this.terms.push(term)
    if (n >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    this.hashes[n] = hash
    if ((n + 1) * 2 > this.slots.length) this.grow()
    else this.place(n)
    return n
  }

  private place(n: number): void {
    const mask = this.slots.length - 1
    let slot = (this.hashes[n] ?? 0) & mask
    while ((this.slots[slot] ?? EMPTY) !== EMPTY) slot = (slot + 1) & mask
    this.slots[slot] = n + 1
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    for (let n = 0; n < this.terms.length; n += 1) this.place(n)
  }
}

function sameChars(term: string, text: string, from: number, to: number): boolean {
  if (term.length !== to - from) return false
  for (let i = 0; i < term.length; i += 1)
    if (term.charCodeAt(i) !== text.charCodeAt(from + i)) return false
  return true
}
