const EMPTY = 0
const SLOT_SIZE = 4
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
 *
 * A slot holds the term's hash, number, and where its chars are in one byte array, side by side:
 * a lookup touches the slot's cache line and the chars, not three arrays and a string on the heap
 * (those cache misses were most of the time of a lookup).
 */
export class TermTable {
  /** Per slot: hash, term number + 1 (0 is empty), offset of its chars, length (-1: not ASCII). */
  private slots = new Int32Array(SLOT_SIZE << 12)
  private capacity = 1 << 12
  private chars = new Uint8Array(1 << 14)
  private charsUsed = 0
  private count = 0

  get size(): number {
    return this.count
  }

  /**
   * The number of the term equal to `text[from, to)` lower-cased, whose hash is `hash` (of the
   * lower-cased codes); -1 if none. The slice must be ASCII letters and digits only.
   */
  findFolded(text: string, from: number, to: number, hash: number): number {
    const slots = this.slots
    const mask = this.capacity - 1
    const length = to - from
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_SIZE
      const entry = slots[at + 1] ?? EMPTY
      if (entry === EMPTY) return -1
      if (
        slots[at] === (hash | 0) &&
        slots[at + 3] === length &&
        this.sameFolded(slots[at + 2] ?? 0, text, from, length)
      )
        return entry - 1
    }
  }

  /** Adds a term not in the table yet; it gets the next number. */
  add(term: string, hash = hashOf(term)): number {
    const n = this.count
    this.count += 1
    if (this.count * 2 > this.capacity) this.grow()
    const ascii = isAscii(term)
    if (ascii && this.charsUsed + term.length > this.chars.length) {
      const chars = new Uint8Array(Math.max(this.chars.length * 2, this.charsUsed + term.length))
      chars.set(this.chars)
      this.chars = chars
    }
    const offset = this.charsUsed
    if (ascii) {
      for (let i = 0; i < term.length; i += 1) this.chars[offset + i] = term.charCodeAt(i)
      this.charsUsed += term.length
    }
    this.place(this.slots, this.capacity, hash | 0, n + 1, offset, ascii ? term.length : -1)
    return n
  }

  private sameFolded(offset: number, text: string, from: number, length: number): boolean {
    const chars = this.chars
    // Setting bit 0x20 lowers A-Z and keeps a-z and 0-9 as they are.
    for (let i = 0; i < length; i += 1)
      if (chars[offset + i] !== (text.charCodeAt(from + i) | 0x20)) return false
    return true
  }

  private place(
    slots: Int32Array,
    capacity: number,
    hash: number,
    entry: number,
    offset: number,
    length: number,
  ): void {
    const mask = capacity - 1
    let slot = hash & mask
    while ((slots[slot * SLOT_SIZE + 1] ?? EMPTY) !== EMPTY) slot = (slot + 1) & mask
    const at = slot * SLOT_SIZE
    slots[at] = hash
    slots[at + 1] = entry
    slots[at + 2] = offset
    slots[at + 3] = length
  }

  private grow(): void {
    const old = this.slots
    const capacity = this.capacity * 2
    const slots = new Int32Array(capacity * SLOT_SIZE)
    for (let at = 0; at < old.length; at += SLOT_SIZE) {
      const entry = old[at + 1] ?? EMPTY
      if (entry !== EMPTY)
        this.place(slots, capacity, old[at] ?? 0, entry, old[at + 2] ?? 0, old[at + 3] ?? -1)
    }
    this.slots = slots
    this.capacity = capacity
  }
}

function isAscii(term: string): boolean {
  for (let i = 0; i < term.length; i += 1) if (term.charCodeAt(i) > 0x7f) return false
  return true
}
