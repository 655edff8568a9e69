import type { Article } from '../domain/Article'
import { readerCorrections } from '../domain/readerCorrections'
import { blocksToHtml, keyPointsHtml } from './blocksToHtml'
import { isFinal } from './toPublishJson'
import { toPublication } from './toPublication'

export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#'

/** The article as an IPTC ninjs 3.1 news item; the README documents the mapping field by field. */
export function toNinjs(article: Article, options: { language: string; uriBase: string }) {
  const p = toPublication(article)
  const final = isFinal(article.status)
  const xhtml = `<div>${keyPointsHtml(p.keyPoints)}${blocksToHtml(p.blocks)}</div>`
  const item: Record<string, unknown> = {
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI },
    uri: `${options.uriBase}${article.id}`,
    type: 'text',
    representationType: 'full',
    version: String(article.revision),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    contentCreated: article.createdAt,
    pubStatus: article.status === 'killed' ? 'canceled' : final ? 'usable' : 'withheld',
    language: options.language,
    slugline: article.slug || undefined,
    headlines: [
      { role: 'main', contentType: 'text/plain', value: p.headline },
      ...(p.deck ? [{ role: 'deck', contentType: 'text/plain', value: p.deck }] : []),
    ],
    descriptions: p.summary
      ? [{ role: 'summary', contentType: 'text/plain', value: p.summary }]
      : undefined,
    bodies: [
      {
        role: 'main',
        contentType: 'application/xhtml+xml',
        charCount: xhtml.replace(/<[^>]+>/g, '').length,
        wordCount: p.wordCount,
        value: xhtml,
      },
    ],
    by: p.byline.length > 0 ? p.byline.join(' and ') : p.credit || undefined,
    located: p.dateline.place || undefined,
    places: p.dateline.place ? [{ name: p.dateline.place, rel: 'located' }] : undefined,
    subjects: p.tags.length > 0 ? p.tags.map((tag) => ({ name: tag, rel: 'about' })) : undefined,
    infoSources: infoSources(p.credit, p.sources),
    copyrightHolder: p.credit || undefined,
    edNote: final
      ? correctionsNote(article)
      : `PREVIEW: not approved for publication (status: ${article.status}).`,
  }
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined))
}

function infoSources(credit: string, sources: { name: string; url?: string | undefined }[]) {
  const list = [
    ...(credit ? [{ name: credit, role: 'originatingsource' }] : []),
    ...sources.map((s) =>
      s.url ? { name: s.name, role: 'source', uri: s.url } : { name: s.name, role: 'source' },
    ),
  ]
  return list.length > 0 ? list : undefined
}

function correctionsNote(article: Article): string | undefined {
  const corrections = readerCorrections(article)
  if (corrections.length === 0) return undefined
  return corrections.map((c) => `Correction (${c.at.slice(0, 10)}): ${c.note}`).join(' ')
}
