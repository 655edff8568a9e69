import { searchTerms } from '../../shared/domain/searchTerms'

const PREFIX = 2
const COMPACT_AFTER = 512

/** Document numbers for one word, ascending; typed so the collector never walks them. */
type Postings = { docs: Int32Array; length: number }

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
 */
export class SearchIndex {
  private readonly docOf = new Map<string, number>()
  private ids: (string | undefined)[] = []
  private postings = new Map<string, Postings>()
  private byPrefix = new Map<string, string[]>()
  private readonly pending = new Map<string, () => string>()
  private dead = 0

  /** Whether a document is indexed or waiting to be. */
  has(id: string): boolean {
    return this.pending.has(id) || this.docOf.has(id)
  }

  /** Indexes (or re-indexes) a document; `text` is read on the next query or flush. */
  put(id: string, text: () => string): void {
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
    let hits: Uint8Array | null = null
    for (const word of words) {
      const docs = new Uint8Array(this.ids.length)
      for (const term of this.termsStartingWith(word)) {
        const list = this.postings.get(term)
        if (!list) continue
        for (let i = 0; i < list.length; i += 1) {
          const doc = list.docs[i] ?? 0
          if (!hits || hits[doc]) docs[doc] = 1
        }
      }
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
    // Compacting also trims each word's postings to its length, which the growth left up to twice that.
    this.compact()
    const terms = [...this.postings.keys()]
    const counts = terms.map((term) => this.postings.get(term)?.length ?? 0)
    const postings = new Int32Array(counts.reduce((sum, count) => sum + count, 0))
    let offset = 0
    for (const term of terms) {
      const list = this.postings.get(term)
      if (!list) continue
      postings.set(list.docs.subarray(0, list.length), offset)
      offset += list.length
    }
    return { ids: this.ids.filter((id) => id !== undefined), terms, counts, postings }
  }

  /**
   * Adds the documents of a saved snapshot for which `keep` says the text is still current; a
   * document already here (put while the snapshot was loading) is newer and wins.
   */
  restore(snapshot: SearchSnapshot, keep: (id: string) => boolean): void {
    const base = this.ids.length
    for (const id of snapshot.ids) {
      const live = !this.has(id) && keep(id)
      if (live) this.docOf.set(id, this.ids.length)
      else this.dead += 1
      this.ids.push(live ? id : undefined)
    }
    let offset = 0
    snapshot.terms.forEach((term, index) => {
      const count = snapshot.counts[index] ?? 0
      const docs = snapshot.postings.subarray(offset, offset + count)
      offset += count
      const live = new Int32Array(count)
      let kept = 0
      for (const doc of docs) if (this.ids[base + doc] !== undefined) live[kept++] = base + doc
      if (kept === 0) return
      const list = this.postings.get(term)
      if (!list) this.addTerm(term, kept === count ? live : live.slice(0, kept))
      else for (const doc of live.subarray(0, kept)) append(list, doc)
    })
  }

  /** Indexes the texts put so far now, rather than on the next query. */
  flush(): void {
    for (const [id, text] of this.pending) {
      this.forget(id)
      const doc = this.ids.length
      this.ids.push(id)
      this.docOf.set(id, doc)
      for (const term of searchTerms(text())) {
        const list = this.postings.get(term)
        // Documents are numbered in order, so a repeat of a word in this one is always the last entry.
        if (!list) this.addTerm(term, Int32Array.of(doc))
        else if (list.docs[list.length - 1] !== doc) append(list, doc)
      }
    }
    this.pending.clear()
    if (this.dead > COMPACT_AFTER && this.dead > this.docOf.size) this.compact()
  }

  private forget(id: string): void {
    const doc = this.docOf.get(id)
    if (doc === undefined) return
    this.ids[doc] = undefined
    this.docOf.delete(id)
    this.dead += 1
  }

  private addTerm(term: string, docs: Int32Array): void {
    this.postings.set(term, { docs, length: docs.length })
    const key = term.slice(0, PREFIX)
    const bucket = this.byPrefix.get(key)
    if (bucket) bucket.push(term)
    else this.byPrefix.set(key, [term])
  }

  private *termsStartingWith(word: string): Iterable<string> {
    if (word.length >= PREFIX) {
      for (const term of this.byPrefix.get(word.slice(0, PREFIX)) ?? [])
        if (term.startsWith(word)) yield term
      return
    }
    for (const [key, bucket] of this.byPrefix) if (key.startsWith(word)) yield* bucket
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
    const postings = this.postings
    this.ids = ids
    this.postings = new Map()
    this.byPrefix = new Map()
    this.dead = 0
    for (const [term, list] of postings) {
      const live = new Int32Array(list.length)
      let count = 0
      for (let i = 0; i < list.length; i += 1) {
        const next = renumbered[list.docs[i] ?? 0] ?? -1
        if (next >= 0) live[count++] = next
      }
      if (count > 0) this.addTerm(term, live.slice(0, count))
    }
  }
}

function append(list: Postings, doc: number): void {
  if (list.length === list.docs.length) {
    const grown = new Int32Array(Math.max(4, list.docs.length * 2))
    grown.set(list.docs)
    list.docs = grown
  }
  list.docs[list.length] = doc
  list.length += 1
}
