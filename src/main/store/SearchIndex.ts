import { searchTerms } from '../../shared/domain/searchTerms'
import { PostingLog } from './PostingLog'
import { segmentOf, startsOf, type PostingSegment } from './PostingSegment'
import { HASH_START, TermTable, hashOf, hashStep } from './TermTable'

const PREFIX = 2
const COMPACT_AFTER = 512
/**
 * Logged postings (8 bytes each) grouped by term into a segment (4 bytes each), short of the log's
 * next doubling: bounds the memory a first build peaks at without repacking what came before.
 */
const SEAL_AT = (1 << 20) - (1 << 14)
/** Unpacked postings a query reads through at most; more are packed first. */
const PACK_FOR_QUERY = 1 << 16

/** The live documents and their words, in a form that saves and loads quickly. */
export type SearchSnapshot = {
  /** Document ids by number. */
  ids: string[]
  terms: string[]
  /** How many documents each term has, in `terms` order. */
  counts: number[]
  /** Every term's document numbers, one term after another. */
  postings: Int32Array
}

/**
 * An in-memory inverted index from folded words to documents, answering "which documents have a
 * word starting with each of these". A changed document gets a new number and its old one is
 * left dead until enough have piled up, so updates never scan the postings.
 * Texts are indexed lazily, on the next query or flush, so a save does not pay for tokenizing.
 *
 * Postings live packed in one Int32Array, term after term, as the snapshot stores them, but a common
 * word's, kept as a bitmap; what was indexed since the last packing waits in a `PostingLog`, and
 * the log is grouped by term into segments as it fills. The next query or snapshot packs all of
 * it in one pass: repacking everything each time the log filled made a first build quadratic. One
 * typed array per term (the first design) cost a third of a second per thousand articles in
 * allocations and 20 MB at 10,000.
 */
export class SearchIndex {
  private readonly docOf = new Map<string, number>()
  private ids: (string | undefined)[] = []
  /** Term numbers by term; a term keeps its number until the next compaction. */
  private termOf = new Map<string, number>()
  /** The same terms and numbers as `termOf`, found from a slice of a text without making its string. */
  private table = new TermTable()
  private terms: string[] = []
  private byPrefix = new Map<string, number[]>()
  /**
   * Packed postings: term n has count[n] documents, at packed[start[n] .. start[n] + count[n]], or,
   * for a word in more than one document in 32, as a bitmap of bitWords words at bits[bitsAt[n]].
   */
  private packed: Int32Array = new Int32Array(0)
  private start: Int32Array = new Int32Array(0)
  private count: Int32Array = new Int32Array(0)
  private bits: Uint32Array = new Uint32Array(0)
  private bitsAt: Int32Array = new Int32Array(0)
  private bitWords = 0
  /** Postings set aside since the last packing, in document order, before those in the log. */
  private segments: PostingSegment[] = []
  /** Postings since the last packing; each term's are after its packed and segments' ones, ascending. */
  private log = new PostingLog()
  /** The last document posted for each term, so a word repeated in a document is posted once. */
  private lastDoc = new Int32Array(0)
  private readonly pending = new Map<string, () => string | readonly string[]>()
  private dead = 0

  /** `sealAt`: logged postings set aside as a segment (tests set aside a few at a time). */
  constructor(private readonly sealAt = SEAL_AT) {}

  /** Whether a document is indexed or waiting to be. */
  has(id: string): boolean {
    return this.pending.has(id) || this.docOf.has(id)
  }

  /**
   * Indexes (or re-indexes) a document; `text` is read on the next query or flush. It may come as
   * parts, each read as if on a line of its own (see `searchableParts`).
   */
  put(id: string, text: () => string | readonly string[]): void {
    this.pending.set(id, text)
  }

  remove(id: string): void {
    this.pending.delete(id)
    this.forget(id)
  }

  get size(): number {
    this.flush()
    return this.docOf.size
  }

  /**
   * Ids of the documents in which every word of `query` begins some word, in no set order;
   * null when the query has no words at all.
   */
  match(query: string): Set<string> | null {
    this.flush()
    const words = [...new Set(searchTerms(query))]
    if (words.length === 0) return null
    if (this.segments.length > 0 || this.log.length > PACK_FOR_QUERY) this.pack()
    let hits: Uint8Array | null = null
    for (const word of words) {
      const docs = new Uint8Array(this.ids.length)
      const mark = (doc: number) => {
        if (!hits || hits[doc]) docs[doc] = 1
      }
      const wanted = new Uint8Array(this.log.length > 0 ? this.terms.length : 0)
      for (const term of this.termsStartingWith(word)) {
        this.forEachPacked(term, mark)
        wanted[term] = 1
      }
      this.log.forEach((term, doc) => {
        if (wanted[term]) mark(doc)
      })
      hits = docs
    }
    const result = new Set<string>()
    if (!hits) return result
    for (let doc = 0; doc < hits.length; doc += 1) {
      const id = hits[doc] ? this.ids[doc] : undefined
      if (id !== undefined) result.add(id)
    }
    return result
  }

  /** The live documents, renumbered without gaps, with pending texts indexed first. */
  snapshot(): SearchSnapshot {
    this.flush()
    if (this.dead > 0) this.compact()
    const postings = this.pack()
    return {
      ids: this.ids.filter((id) => id !== undefined),
      terms: [...this.terms],
      counts: Array.from(this.count),
      postings,
    }
  }

  /**
   * Adds the documents of a snapshot (saved, or another index's) for which `keep` says the text is
   * still current; a document already here (put while the snapshot was loading or being made) is
   * newer and wins. The index takes the snapshot's postings over: it may write into them.
   */
  restore(snapshot: SearchSnapshot, keep: (id: string) => boolean): void {
    if (this.terms.length > 0 || this.ids.length > 0) return this.merge(snapshot, keep)
    for (const id of snapshot.ids) {
      const live = !this.has(id) && keep(id)
      if (live) this.docOf.set(id, this.ids.length)
      else this.dead += 1
      this.ids.push(live ? id : undefined)
    }
    {
      // The usual start: nothing indexed yet, so the saved postings become the packed ones as they are.
      snapshot.terms.forEach((term) => this.addTerm(term))
      this.packed = snapshot.postings
      this.count = Int32Array.from(snapshot.counts)
      this.start = startsOf(this.count)
      this.bitsAt = new Int32Array(this.terms.length).fill(-1)
      this.densify()
    }
  }

  /**
   * Adds a snapshot's live documents after the ones here, numbered without gaps, and its postings
   * as a segment after the logged ones: each term's documents stay ascending, nothing is repacked.
   */
  private merge(snapshot: SearchSnapshot, keep: (id: string) => boolean): void {
    if (this.log.length > 0) this.seal()
    const renumber = new Int32Array(snapshot.ids.length).fill(-1)
    snapshot.ids.forEach((id, doc) => {
      if (this.has(id) || !keep(id)) return
      renumber[doc] = this.ids.length
      this.docOf.set(id, this.ids.length)
      this.ids.push(id)
    })
    const termOf = snapshot.terms.map((term) => this.termOf.get(term) ?? this.addTerm(term))
    this.segments.push(
      segmentOf(snapshot.counts, snapshot.postings, termOf, this.terms.length, renumber),
    )
  }

  /**
   * Indexes the texts put so far and packs every posting now, as the next query would: the end of
   * a first build, so that its time and memory are those of an index ready to answer.
   */
  settle(): void {
    this.flush()
    if (this.segments.length > 0 || this.log.length > 0) this.pack()
  }

  /** Indexes the texts put so far now, rather than on the next query. */
  flush(): void {
    for (const [id, text] of this.pending) {
      this.forget(id)
      const doc = this.ids.length
      this.ids.push(id)
      this.docOf.set(id, doc)
      const source = text()
      if (typeof source === 'string') this.indexText(source, doc)
      else for (const part of source) this.indexText(part, doc)
      if (this.log.length >= this.sealAt) this.seal()
    }
    this.pending.clear()
    if (this.dead > COMPACT_AFTER && this.dead > this.docOf.size) this.compact()
  }

  private seal(): void {
    this.segments.push(this.log.seal(this.terms.length))
  }

  /**
   * Indexes a text's words as `searchTerms` finds them. ASCII is scanned in place, as runs of
   * [A-Za-z0-9] lower-cased on the fly and looked up by their chars: only a word new to the index
   * becomes a string, and the text is never copied to lower case. At the first char beyond ASCII
   * the whole text goes through `searchTerms` instead; the words posted before it are words
   * `searchTerms` finds too, each bounded by ASCII on both sides, and a repeat is posted once.
   */
  private indexText(text: string, doc: number): void {
    const length = text.length
    let at = 0
    while (at < length) {
      let code = text.charCodeAt(at)
      if (!isWordCode(code)) {
        if (code > LAST_ASCII) return this.indexFolded(text, doc)
        at += 1
        continue
      }
      const from = at
      let hash = HASH_START
      while (isWordCode(code)) {
        hash = hashStep(hash, code | LOWER_CASE_BIT)
        at += 1
        code = text.charCodeAt(at)
      }
      // A word running on into a letter beyond ASCII ("caf" of "café") is not a word of its own.
      if (code > LAST_ASCII) return this.indexFolded(text, doc)
      const found = this.table.findFolded(text, from, at, hash)
      this.append(found >= 0 ? found : this.addTerm(text.slice(from, at).toLowerCase(), hash), doc)
    }
  }

  private indexFolded(text: string, doc: number): void {
    for (const term of searchTerms(text))
      this.append(this.termOf.get(term) ?? this.addTerm(term), doc)
  }

  private forget(id: string): void {
    const doc = this.docOf.get(id)
    if (doc === undefined) return
    this.ids[doc] = undefined
    this.docOf.delete(id)
    this.dead += 1
  }

  private addTerm(term: string, hash = hashOf(term)): number {
    const n = this.terms.length
    this.terms.push(term)
    this.table.add(term, hash)
    if (n >= this.lastDoc.length) {
      const lastDoc = new Int32Array(Math.max(1024, n * 2)).fill(-1)
      lastDoc.set(this.lastDoc)
      this.lastDoc = lastDoc
    }
    this.termOf.set(term, n)
    const key = term.slice(0, PREFIX)
    const bucket = this.byPrefix.get(key)
    if (bucket) bucket.push(n)
    else this.byPrefix.set(key, [n])
    return n
  }

  /** Records that `term` is in `doc`; documents come in ascending order, each term's too. */
  private append(term: number, doc: number): void {
    if (this.lastDoc[term] === doc) return
    this.lastDoc[term] = doc
    this.log.add(term, doc)
  }

  private *termsStartingWith(word: string): Iterable<number> {
    if (word.length >= PREFIX) {
      for (const n of this.byPrefix.get(word.slice(0, PREFIX)) ?? [])
        if (this.terms[n]?.startsWith(word)) yield n
      return
    }
    for (const [key, bucket] of this.byPrefix) if (key.startsWith(word)) yield* bucket
  }

  /** Calls `visit` with each packed document of term `n`, in ascending order. */
  private forEachPacked(n: number, visit: (doc: number) => void): void {
    const at = this.bitsAt[n] ?? -1
    if (at >= 0) {
      for (let w = 0; w < this.bitWords; w += 1) {
        let word = this.bits[at + w] ?? 0
        while (word !== 0) {
          const lowest = word & -word
          visit(w * 32 + 31 - Math.clz32(lowest))
          word ^= lowest
        }
      }
      return
    }
    const from = this.start[n] ?? 0
    const to = from + (this.count[n] ?? 0)
    for (let i = from; i < to; i += 1) visit(this.packed[i] ?? 0)
  }

  /**
   * Moves the segments' and the log's postings into the packed ones, in one pass; `renumbered` also
   * drops dead documents. Gives the packed postings in full, as a snapshot stores them, before
   * common words' are turned into bitmaps.
   */
  private pack(renumbered?: Int32Array): Int32Array {
    const terms = this.terms.length
    const count = new Int32Array(terms)
    const to = (doc: number) => (renumbered ? (renumbered[doc] ?? -1) : doc)
    if (renumbered) {
      for (let n = 0; n < this.count.length; n += 1)
        this.forEachPacked(n, (doc) => {
          if (to(doc) >= 0) count[n] = (count[n] ?? 0) + 1
        })
      for (const segment of this.segments)
        for (let n = 0; n < segment.count.length; n += 1) {
          const from = segment.start[n] ?? 0
          for (let i = from; i < from + (segment.count[n] ?? 0); i += 1)
            if (to(segment.docs[i] ?? 0) >= 0) count[n] = (count[n] ?? 0) + 1
        }
    } else {
      count.set(this.count)
      for (const segment of this.segments)
        segment.count.forEach((more, n) => {
          count[n] = (count[n] ?? 0) + more
        })
    }
    this.log.forEach((term, doc) => {
      if (to(doc) >= 0) count[term] = (count[term] ?? 0) + 1
    })
    const start = startsOf(count)
    const packed = new Int32Array(start.length > 0 ? (start.at(-1) ?? 0) + (count.at(-1) ?? 0) : 0)
    // Where each term's next posting goes: its packed ones first, then the segments', then the log's.
    const next = Int32Array.from(start)
    const put = (term: number, doc: number) => {
      const moved = to(doc)
      if (moved < 0) return
      const at = next[term] ?? 0
      packed[at] = moved
      next[term] = at + 1
    }
    for (let n = 0; n < this.count.length; n += 1) this.forEachPacked(n, (doc) => put(n, doc))
    for (const segment of this.segments)
      for (let n = 0; n < segment.count.length; n += 1) {
        const from = segment.start[n] ?? 0
        const length = segment.count[n] ?? 0
        if (length === 0) continue
        if (renumbered) {
          for (let i = from; i < from + length; i += 1) put(n, segment.docs[i] ?? 0)
        } else {
          packed.set(segment.docs.subarray(from, from + length), next[n] ?? 0)
          next[n] = (next[n] ?? 0) + length
        }
      }
    this.log.forEach(put)
    this.packed = packed
    this.count = count
    this.start = start
    this.bitsAt = new Int32Array(terms).fill(-1)
    this.bits = new Uint32Array(0)
    this.segments = []
    this.log.clear()
    if (!renumbered) this.densify()
    return packed
  }

  /**
   * Turns the postings of words in more than one document in 32 into bitmaps: four bytes a document
   * cost more than a bit for every document there is. Common words are most of the postings.
   */
  private densify(): void {
    const docs = this.ids.length
    const words = Math.ceil(docs / 32)
    const dense = (n: number) => (this.count[n] ?? 0) * 32 > docs
    let denseTerms = 0
    let sparseTotal = 0
    for (let n = 0; n < this.terms.length; n += 1)
      if (dense(n)) denseTerms += 1
      else sparseTotal += this.count[n] ?? 0
    const bits = new Uint32Array(denseTerms * words)
    const bitsAt = new Int32Array(this.terms.length).fill(-1)
    const packed = new Int32Array(sparseTotal)
    const start = new Int32Array(this.terms.length)
    let nextBits = 0
    let at = 0
    for (let n = 0; n < this.terms.length; n += 1) {
      const from = this.start[n] ?? 0
      const postings = this.packed.subarray(from, from + (this.count[n] ?? 0))
      start[n] = at
      if (!dense(n)) {
        packed.set(postings, at)
        at += postings.length
        continue
      }
      bitsAt[n] = nextBits
      for (const doc of postings)
        bits[nextBits + (doc >>> 5)] = (bits[nextBits + (doc >>> 5)] ?? 0) | (1 << (doc & 31))
      nextBits += words
    }
    this.packed = packed
    this.start = start
    this.bits = bits
    this.bitsAt = bitsAt
    this.bitWords = words
  }

  /** Renumbers the live documents and drops dead ones and the words only they had. */
  private compact(): void {
    const renumbered = new Int32Array(this.ids.length).fill(-1)
    const ids: string[] = []
    this.ids.forEach((id, doc) => {
      if (id === undefined) return
      renumbered[doc] = ids.length
      this.docOf.set(id, ids.length)
      ids.push(id)
    })
    this.ids = ids
    this.dead = 0
    this.pack(renumbered)
    // Words left without documents go, and the others are numbered again without gaps.
    const terms = this.terms
    const count = this.count
    const start = this.start
    const packed = this.packed
    this.terms = []
    // Documents were renumbered: an old last document could come round again as a new one.
    this.lastDoc = new Int32Array(0)
    this.termOf = new Map()
    this.table = new TermTable()
    this.byPrefix = new Map()
    const kept: number[] = []
    terms.forEach((term, n) => {
      if ((count[n] ?? 0) === 0) return
      this.addTerm(term)
      kept.push(n)
    })
    this.count = Int32Array.from(kept, (n) => count[n] ?? 0)
    this.start = startsOf(this.count)
    this.packed = new Int32Array(packed.length)
    kept.forEach((n, index) => {
      const from = start[n] ?? 0
      this.packed.set(packed.subarray(from, from + (count[n] ?? 0)), this.start[index] ?? 0)
    })
    this.bitsAt = new Int32Array(this.terms.length).fill(-1)
    this.densify()
  }
}

const LAST_ASCII = 0x7f
/** Set, it turns A-Z into a-z and leaves a-z and 0-9 as they are. */
const LOWER_CASE_BIT = 0x20

/** Whether a char code is part of an ASCII word: A-Z, a-z or 0-9 (false past the end, for NaN). */
function isWordCode(code: number): boolean {
  const lower = code | LOWER_CASE_BIT
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57)
}
