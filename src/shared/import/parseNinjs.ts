import { FeedItem, LanguageTag } from '../domain/Article'
import type { DocNode } from '../domain/DocNode'
import { parseDatelineDate } from '../domain/formatDateline'
import { blankFields } from '../domain/newArticle'
import { cleanByline } from './cleanByline'
import { detectLanguage } from './detectLanguage'
import type { HtmlToBody } from './HtmlBody'
import type { ImportProposal, KillNotice, Unplaced } from './ImportProposal'
import { isOriginatingRole } from './infoSourceRoles'
import { bodyOf } from './parseWireText'
import { readCaption } from './readCaption'
import { readDateline } from './readDateline'
import { readKill } from './readKill'
import { readNinjsEntities } from './readNinjsEntities'
import { takeLeadDateline } from './takeLeadDateline'

type Json = Record<string, unknown>

/**
 * Reads an IPTC ninjs document, versions 1.x to 3.x and the agencies' dialects (AP, dpa, NTB, TT),
 * into article fields: headlines, descriptions, bodies, byline and credit, dateline from `located`
 * or the lead, entities with their URIs, language, dates, rights and the item's identity. A
 * canceled item or a kill note is a kill notice, not a story. Copydesk's own ninjs reads back whole.
 */
export function parseNinjs(data: unknown, htmlToBody: HtmlToBody): ImportProposal {
  const fields = blankFields()
  const messages: string[] = []
  const unplaced: Unplaced[] = []
  if (!isObject(data))
    return {
      format: 'ninjs',
      fields,
      messages: ['The JSON is not a ninjs object.'],
      unplaced,
      kill: null,
    }
  const get = (...keys: string[]) => keys.map((key) => text(data[key])).find(Boolean) ?? ''

  const headlines = list(data['headlines'])
  fields.headline = text(byRole(headlines, ['main', 'headline'])?.['value']) || get('headline')
  fields.deck =
    text(
      byRole(headlines, ['sub', 'subheadline', 'subhead', 'deck', 'subtitle'], false)?.['value'],
    ) || get('headline_subhead', 'headline_sub')
  const descriptions = list(data['descriptions'])
  fields.summary = stripTags(
    text(
      byRole(descriptions, ['summary', 'description', 'abstract', 'text', 'teaser'])?.['value'],
    ) || get('description_text', 'description_html'),
  )

  const story = storyDate(
    get(
      'contentCreated',
      'contentcreated',
      'firstCreated',
      'firstcreated',
      'versionCreated',
      'versioncreated',
    ),
  )
  const body = readBody(data, fields.headline, htmlToBody, messages, unplaced)
  if (body.keyPoints) fields.keyPoints = body.keyPoints
  const lead = takeLeadDateline(body.doc)
  fields.body = lead.body
  const marked = body.dateline ? readDateline(body.dateline) : null
  const dateline = marked ?? lead.dateline
  const located =
    text(data['located']) || (isObject(data['located']) ? text(data['located']['name']) : '')

  const by = cleanByline(get('by', 'byline'))
  fields.byline = by.names
  const { entities, tags, notes } = readNinjsEntities(data)
  fields.entities = entities
  fields.tags = tags
  messages.push(...notes)
  const locatedEntity = entities.find(
    (e) => e.kind === 'place' && /(?:^|[/:])located$/i.test(e.rel ?? ''),
  )
  fields.dateline.place =
    located ||
    dateline?.place ||
    (body.dateline && !marked ? body.dateline : '') ||
    locatedEntity?.name ||
    ''
  const bodyDate = dateline?.dateText ? parseDatelineDate(dateline.dateText, story.reference) : null
  fields.dateline.date = bodyDate ?? story.day

  const infoSources = list(data['infoSources']).concat(
    list(data['infosources']),
    list(data['infosource']),
  )
  const originator =
    infoSources.find((s) => isOriginatingRole(text(s['role']))) ??
    (infoSources.length > 0 && !text(infoSources[0]?.['role']) ? infoSources[0] : undefined)
  fields.credit =
    text(originator?.['name']) ||
    by.agency ||
    dateline?.agency ||
    body.agency ||
    get('copyrightHolder', 'copyrightholder')
  fields.sources = infoSources
    .filter((s) => s !== originator && text(s['name']))
    .map((s) => ({
      name: text(s['name']),
      url: /^https?:\/\/\S+$/i.test(text(s['uri'])) ? text(s['uri']) : undefined,
    }))

  const language = get('language')
  if (language && LanguageTag.safeParse(language).success) fields.language = language
  else {
    if (language)
      messages.push(
        `The feed's language “${language.slice(0, 40)}” is not a BCP 47 tag; it was left out.`,
      )
    fields.language = detectLanguage(`${fields.headline} ${fields.summary}`)
  }
  fields.contentCreated = story.iso
  fields.copyrightHolder = get('copyrightHolder', 'copyrightholder')
  fields.copyrightNotice = get('copyrightNotice', 'copyrightnotice')
  const feedItem = FeedItem.safeParse({ uri: get('uri'), version: get('version') || undefined })
  fields.feedItem = feedItem.success ? feedItem.data : null

  const edNote = get('edNote', 'ednote')
  const kill = readKillNotice(data, edNote, get('uri'), fields.headline)
  if (edNote && !kill) messages.push(`Agency note: ${edNote}`)
  if (!fields.headline) messages.push('The ninjs document has no headline.')
  return { format: 'ninjs', fields, messages, unplaced, kill }
}

/** Picks the richest body (HTML, else plain text) and reads it. */
function readBody(
  data: Json,
  headline: string,
  htmlToBody: HtmlToBody,
  messages: string[],
  unplaced: Unplaced[],
) {
  const bodies = list(data['bodies'])
  const type = (b: Json) => text(b['contentType']) || text(b['contenttype'])
  const richBody =
    bodies.find(
      (b) => /xhtml|html/i.test(type(b)) && /^(?:main|richtext|html|html5)$/i.test(text(b['role'])),
    ) ?? bodies.find((b) => /xhtml|html/i.test(type(b)))
  const plainBody = bodies.find((b) => /plain/i.test(type(b)) || !type(b))
  const html = text(richBody?.['value']) || text(data['body_html']) || text(data['body_xhtml'])
  const plain = text(plainBody?.['value']) || text(data['body_text'])
  if (html) {
    const read = htmlToBody(html, { headline })
    unplaced.push(...read.unplaced)
    messages.push(...read.notes)
    return {
      doc: read.body,
      keyPoints: read.keyPoints,
      dateline: read.dateline,
      agency: read.agency,
    }
  }
  if (!plain) messages.push('The ninjs document has no body.')
  const paragraphs: DocNode[] = []
  const parts = (/\n\s*\n/.test(plain) ? plain.split(/\n\s*\n/) : plain.split('\n')).map((p) =>
    p.replace(/\s+/g, ' ').trim(),
  )
  for (const [i, part] of parts.entries()) {
    if (!part || (i === 0 && normalize(part) === normalize(headline))) continue
    const caption = readCaption(part)
    if (caption) unplaced.push(caption)
    else paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: part }] })
  }
  return { doc: bodyOf(paragraphs), keyPoints: null, dateline: null, agency: '' }
}

function readKillNotice(
  data: Json,
  edNote: string,
  uri: string,
  headline: string,
): KillNotice | null {
  const status = (text(data['pubStatus']) || text(data['pubstatus'])).toLowerCase()
  const fromNote = edNote ? readKill([edNote]) : null
  if (status !== 'canceled' && status !== 'cancelled' && !fromNote) return null
  return {
    reason: edNote || 'The agency canceled this item (pubStatus: canceled).',
    ...(uri ? { uri } : {}),
    headline: fromNote?.headline ?? headline.replace(/^(?:KILL(?:ED)?|WITHDRAWN)\s*[:–—-]\s*/i, ''),
  }
}

/** The story's own date: the feed's creation time, never the day of the import. */
function storyDate(value: string): { iso: string | null; day: string | null; reference: Date } {
  const time = Date.parse(value)
  if (!value || Number.isNaN(time)) return { iso: null, day: null, reference: new Date() }
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`
  const iso = new Date(Date.parse(withZone)).toISOString()
  return {
    iso,
    day: /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? iso.slice(0, 10),
    reference: new Date(time),
  }
}

function byRole(items: Json[], roles: string[], fallbackToFirst = true): Json | undefined {
  return (
    items.find((item) => roles.includes(text(item['role']).toLowerCase())) ??
    (fallbackToFirst ? items[0] : undefined)
  )
}

/** True for a JSON object that looks like ninjs rather than any other JSON. */
export function looksLikeNinjs(data: unknown): boolean {
  if (!isObject(data)) return false
  return [
    'uri',
    'headline',
    'headlines',
    'body_html',
    'body_text',
    'bodies',
    'versioncreated',
  ].some((key) => key in data)
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function normalize(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}
