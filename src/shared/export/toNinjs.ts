import { readerCorrections } from '../domain/readerCorrections'
import type { Article, Entity } from '../domain/Article'
import { stripXmlForbidden, stripXmlForbiddenDeep } from '../domain/stripXmlForbidden'
import { CONTENT_SOURCE_ROLE, ORIGINATING_ROLE } from '../import/infoSourceRoles'
import { keyPointsHtml } from './blocksToHtml'
import { ninjsAssociations, ninjsBodyHtml } from './ninjsAssociations'
import type { PictureFiles } from './publishPicture'
import { isFinal } from './toPublishJson'
import { toPublication } from './toPublication'

export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#'

export type NinjsOptions = {
  /** The desk's language, for stories that carry none of their own. */
  language: string
  uriBase: string
  /** The desk's copyright holder and notice, for stories whose feed gave none. */
  copyrightHolder?: string | undefined
  copyrightNotice?: string | undefined
  /** Why a killed story was withdrawn (the kill's note), for edNote. */
  killNote?: string | undefined
  /** The renditions written beside the item; without them pictures carry no renditions. */
  pictures?: PictureFiles | undefined
}

/** The article as an IPTC ninjs 3.1 news item; the README documents the mapping field by field. */
export function toNinjs(article: Article, options: NinjsOptions) {
  const p = toPublication(article)
  const final = isFinal(article.status)
  const xhtml = stripXmlForbidden(
    `<div>${keyPointsHtml(p.keyPoints)}${ninjsBodyHtml(p, options.pictures)}</div>`,
  )
  const killed = article.status === 'killed'
  const copyrightHolder = article.copyrightHolder || options.copyrightHolder || undefined
  const item: Record<string, unknown> = {
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI },
    uri: `${options.uriBase}${article.id}`,
    type: 'text',
    representationType: 'full',
    version: String(article.revision),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    contentCreated: article.contentCreated ?? article.createdAt,
    pubStatus: killed ? 'canceled' : final ? 'usable' : 'withheld',
    embargoedUntil: article.embargoedUntil ?? undefined,
    language: p.language || options.language,
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
    by: p.byline.length > 0 ? joinByline(p.byline) : undefined,
    located: p.dateline.place || undefined,
    places: entitiesOf(p.entities, 'place'),
    people: entitiesOf(p.entities, 'person'),
    organisations: entitiesOf(p.entities, 'organisation'),
    subjects: subjects(p.entities, p.tags),
    infoSources: infoSources(p.credit, p.sources),
    copyrightHolder,
    copyrightNotice: article.copyrightNotice || options.copyrightNotice || undefined,
    associations: ninjsAssociations(p, options.pictures),
    edNote: killed
      ? `KILLED: ${options.killNote?.trim() || 'withdrawn by the desk'}. Do not use “${p.headline}”.`
      : final
        ? correctionsNote(article)
        : `PREVIEW: not approved for publication (status: ${article.status}).${article.embargoedUntil ? ` EMBARGOED until ${article.embargoedUntil}.` : ''}`,
  }
  return stripXmlForbiddenDeep(
    Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)),
  )
}

/** Places, people and organisations as ninjs concepts, with the feed's URI, relation and code kept. */
function entitiesOf(entities: Entity[], kind: Entity['kind']) {
  const list = entities.filter((e) => e.kind === kind).map(concept)
  return list.length > 0 ? list : undefined
}

/**
 * Coded subjects with their URI or code, then the free tags. No IPTC ninjs version has a
 * `keywords` property (it is Superdesk's and AP's dialect of 1.x), so in 3.1 a free tag is a
 * subject with a name and nothing else, which a re-import reads back as a tag.
 */
function subjects(entities: Entity[], tags: string[]) {
  const coded = entities.filter((e) => e.kind === 'subject').map(concept)
  const free = tags.map((tag) => ({ name: tag }))
  const list = [...coded, ...free]
  return list.length > 0 ? list : undefined
}

function concept(entity: Entity) {
  return {
    name: entity.name,
    ...(entity.rel ? { rel: entity.rel } : {}),
    ...(entity.uri ? { uri: entity.uri } : {}),
    ...(entity.code ? { literal: entity.code } : {}),
  }
}

/** The agency as the originating party, cited sources as content sources (IPTC NewsCodes URIs). */
function infoSources(credit: string, sources: { name: string; url?: string | undefined }[]) {
  const list = [
    ...(credit ? [{ name: credit, role: ORIGINATING_ROLE }] : []),
    ...sources.map((s) =>
      s.url
        ? { name: s.name, role: CONTENT_SOURCE_ROLE, uri: s.url }
        : { name: s.name, role: CONTENT_SOURCE_ROLE },
    ),
  ]
  return list.length > 0 ? list : undefined
}

function correctionsNote(article: Article): string | undefined {
  const corrections = readerCorrections(article)
  if (corrections.length === 0) return undefined
  return corrections.map((c) => `Correction (${c.at.slice(0, 10)}): ${c.note}`).join(' ')
}

/**
 * The byline as ninjs `by`, a string: "A and B", or "A; B" when a name holds a comma or "and"
 * ("Smith, John"), so a re-import of Copydesk's own ninjs splits it back into the same names.
 */
function joinByline(names: string[]): string {
  return names.some((name) => /,| and |;/.test(name)) ? names.join('; ') : names.join(' and ')
}
