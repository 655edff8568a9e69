/**
 * Postings grouped by term and set aside until the index packs them all in one pass: term n's
 * documents are docs[start[n] .. start[n] + count[n]], ascending; a term numbered past the end of
 * `count` has none here. A segment's documents all come after those of the segments before it.
 */
export type PostingSegment = {
  start: Int32Array
  count: Int32Array
  docs: Int32Array
}

/**
 * The (term, document) pairs of a log grouped by term, each term's documents in the order logged:
 * one counting pass and one placing pass, whatever was packed before.
 */
export function groupByTerm(
  terms: Int32Array,
  docs: Int32Array,
  length: number,
  termCount: number,
): PostingSegment {
  const count = new Int32Array(termCount)
  for (let i = 0; i < length; i += 1) {
    const term = terms[i] ?? 0
    count[term] = (count[term] ?? 0) + 1
  }
  const start = startsOf(count)
  const next = Int32Array.from(start)
  const grouped = new Int32Array(length)
  for (let i = 0; i < length; i += 1) {
    const term = terms[i] ?? 0
    const at = next[term] ?? 0
    grouped[at] = docs[i] ?? 0
    next[term] = at + 1
  }
  return { start, count, docs: grouped }
}

/**
 * A snapshot's postings as a segment of an index that numbers its terms `termOf` and its documents
 * from `renumber` (-1: left out). Reuses the snapshot's array when every document is kept.
 */
export function segmentOf(
  counts: readonly number[],
  postings: Int32Array,
  termOf: readonly number[],
  termCount: number,
  renumber: Int32Array,
): PostingSegment {
  const start = new Int32Array(termCount)
  const count = new Int32Array(termCount)
  const keepsAll = renumber.every((doc) => doc >= 0)
  let from = 0
  let to = 0
  counts.forEach((length, index) => {
    const term = termOf[index] ?? 0
    start[term] = to
    for (let i = from; i < from + length; i += 1) {
      const doc = renumber[postings[i] ?? 0] ?? -1
      if (doc < 0) continue
      // Written over the snapshot's own array: `to` never passes `i`.
      postings[to] = doc
      to += 1
    }
    count[term] = to - (start[term] ?? 0)
    from += length
  })
  return { start, count, docs: keepsAll ? postings : postings.slice(0, to) }
}

/** Where each term's postings begin, given how many each has. */
export function startsOf(count: Int32Array): Int32Array {
  const start = new Int32Array(count.length)
  let at = 0
  for (let n = 0; n < count.length; n += 1) {
    start[n] = at
    at += count[n] ?? 0
  }
  return start
}
