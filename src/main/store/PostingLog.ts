import { groupByTerm, type PostingSegment } from './PostingSegment'

/**
 * Postings not yet packed, as (term, document) pairs in the order they were added. Two growing
 * typed arrays written in order: appending 8 million postings to 50,000 per-term arrays (the
 * first design) cost seconds of cache misses and garbage on a first build.
 */
export class PostingLog {
  private terms: Int32Array = new Int32Array(1 << 12)
  private docs: Int32Array = new Int32Array(1 << 12)
  private used = 0

  get length(): number {
    return this.used
  }

  add(term: number, doc: number): void {
    if (this.used === this.terms.length) {
      this.terms = grown(this.terms)
      this.docs = grown(this.docs)
    }
    this.terms[this.used] = term
    this.docs[this.used] = doc
    this.used += 1
  }

  /** Calls `visit` with each pair, in the order added. */
  forEach(visit: (term: number, doc: number) => void): void {
    for (let i = 0; i < this.used; i += 1) visit(this.terms[i] ?? 0, this.docs[i] ?? 0)
  }

  /** The pairs grouped by term, `termCount` terms in all; the log is then empty, its room kept. */
  seal(termCount: number): PostingSegment {
    const segment = groupByTerm(this.terms, this.docs, this.used, termCount)
    this.used = 0
    return segment
  }

  clear(): void {
    this.terms = new Int32Array(1 << 12)
    this.docs = new Int32Array(1 << 12)
    this.used = 0
  }
}

function grown(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2)
  next.set(array)
  return next
}
