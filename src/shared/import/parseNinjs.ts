import { FeedItem, LanguageTag } from '../domain/Article'
import { parseDatelineDate } from '../domain/formatDateline'
import { blankFields } from '../domain/newArticle'
import { cleanByline } from './cleanByline'
import type { HtmlToBody } from './HtmlBody'
import type { ImportProposal, KillNotice, Unplaced } from './ImportProposal'
import { isOriginatingRole } from './infoSourceRoles'
import { isJsonObject, objectsOf, stringOf, type JsonObject } from './JsonObject'
import { readDateline } from './readDateline'
import { isKillNote } from './readKill'
import { readNinjsBody } from './readNinjsBody'
import { readNinjsPictures } from './readNinjsPictures'
import { readEmbargo, storyDate } from './readNinjsDates'
import { readNinjsSummary } from './readNinjsSummary'
import { readNinjsEntities } from './readNinjsEntities'
import { readWireMark } from './readWireMark'
import { takeLeadDateline } from './takeLeadDateline'
import { systemClock } from '../domain/Clock'

/** Copydesk's own exports: their marks are exact, so nothing is guessed from the text. */
const OWN_URI = /^urn:copydesk:article:/

/**
 * Reads an IPTC ninjs document, versions 1.x to 3.x and the agencies' dialects (AP, dpa, NTB, TT,
 * Superdesk), into article fields: headlines, descriptions, bodies, byline and credit, dateline
 * from `located` or the lead, entities with their URIs, language, dates, embargo, rights and the
 * item's identity. A canceled item or a kill note is a kill notice, not a story. Copydesk's own
 * ninjs reads back whole: its marked dateline, key points and byline are taken as written.
 */
export function parseNinjs(
  data: unknown,
  htmlToBody: HtmlToBody,
  now: Date = systemClock.now(),
): ImportProposal {
  const fields = blankFields()
  const messages: string[] = []
  const unplaced: Unplaced[] = []
  if (!isJsonObject(data))
    return {
      format: 'ninjs',
      fields,
      messages: ['The JSON is not a ninjs object.'],
      unplaced,
      kill: null,
    }
  const get = (...keys: string[]) => keys.map((key) => stringOf(data[key])).find(Boolean) ?? ''
  const uri = get('uri', 'guid')
  const own = OWN_URI.test(uri)

  const headlines = objectsOf(data['headlines'])
  fields.headline = stringOf(byRole(headlines, ['main', 'headline'])?.['value']) || get('headline')
  fields.deck =
    stringOf(
      byRole(headlines, ['sub', 'subheadline', 'subhead', 'deck', 'subtitle'], false)?.['value'],
    ) || get('headline_subhead', 'headline_sub')
  const story = storyDate(
    get(
      'contentCreated',
      'contentcreated',
      'firstCreated',
      'firstcreated',
      'versionCreated',
      'versioncreated',
    ),
    now,
  )
  if (readWireMark(fields.headline)?.kind === 'slug') {
    messages.push(
      `The headline “${fields.headline}” is the agency's slug, not a headline; it was left out.`,
    )
    fields.headline = ''
  }
  const body = readNinjsBody(data, fields.headline, htmlToBody, messages, unplaced)
  const downloads = textRenditions(data['renditions'])
  if (!body.text.trim() && downloads.length > 0)
    messages.unshift(
      `The item holds its text only as downloads (${downloads.join(', ')}): download one (ANPA or NITF) and import that file.`,
    )
  if (body.keyPoints) fields.keyPoints = body.keyPoints
  const lead =
    own || body.dateline ? { body: body.doc, dateline: null } : takeLeadDateline(body.doc)
  fields.body = lead.body
  fields.summary = readNinjsSummary(data, own ? '' : body.text, messages)

  const marked = body.dateline
  const parsedMark = marked && !marked.place ? readDateline(marked.text) : null
  const dateline = parsedMark ?? lead.dateline
  const located =
    stringOf(data['located']) ||
    (isJsonObject(data['located']) ? stringOf(data['located']['name']) : '')
  const by = own ? ownByline(get('by', 'byline')) : cleanByline(get('by', 'byline'))
  fields.byline = by.names
  const { entities, tags, notes } = readNinjsEntities(data)
  fields.entities = entities
  fields.tags = tags
  messages.push(...notes)
  const locatedEntity = entities.find(
    (e) => e.kind === 'place' && /(?:^|[/:])located$/i.test(e.rel ?? ''),
  )
  fields.dateline.place =
    marked?.place ??
    (located ||
      dateline?.place ||
      (marked && !parsedMark ? marked.text : '') ||
      locatedEntity?.name ||
      '')
  const bodyDate = dateline?.dateText ? parseDatelineDate(dateline.dateText, story.reference) : null
  // Copydesk's own dateline carries its date, or has none; a feed's dateline is the story's day.
  fields.dateline.date = marked?.date ?? bodyDate ?? (own ? null : story.day)

  const infoSources = [
    ...objectsOf(data['infoSources']),
    ...objectsOf(data['infosources']),
    ...objectsOf(data['infosource']),
  ]
  const originator =
    infoSources.find((s) => isOriginatingRole(stringOf(s['role']))) ??
    (infoSources.length > 0 && !stringOf(infoSources[0]?.['role']) ? infoSources[0] : undefined)
  fields.credit =
    stringOf(originator?.['name']) ||
    by.agency ||
    dateline?.agency ||
    body.agency ||
    nameOf(data['source']) ||
    nameOf(data['provider']) ||
    get('copyrightHolder', 'copyrightholder')
  fields.sources = infoSources
    .filter((s) => s !== originator && stringOf(s['name']))
    .map((s) => ({
      name: stringOf(s['name']),
      url: /^https?:\/\/\S+$/i.test(stringOf(s['uri'])) ? stringOf(s['uri']) : undefined,
    }))

  const language = get('language')
  // A language the feed does not give is told from the script by the import service, for every format.
  if (language && LanguageTag.safeParse(language).success) fields.language = language
  else if (language)
    messages.push(
      `The feed's language “${language.slice(0, 40)}” is not a BCP 47 tag; it was left out.`,
    )
  fields.contentCreated = story.iso
  fields.copyrightHolder = get('copyrightHolder', 'copyrightholder')
  fields.copyrightNotice = get('copyrightNotice', 'copyrightnotice')
  const pictures = readNinjsPictures(data, messages)
  const feedItem = FeedItem.safeParse({
    uri,
    version: versionOf(data['version']),
    ...(pictures.length > 0 ? { pictures } : {}),
  })
  if (pictures.length > 0)
    messages.push(
      feedItem.success
        ? `${pictures.length === 1 ? 'One picture comes' : `${pictures.length} pictures come`} with the item (${pictures.map((p) => `“${p.name}”`).join(', ')}): kept with the story, not downloaded; they wait under the story's lead picture in the editor, to download when you choose (or copydesk picture fetch ID).`
        : 'The item has pictures but no identifier (uri) to keep them with; they were left out.',
    )
  fields.feedItem = feedItem.success ? feedItem.data : null
  fields.embargoedUntil = readEmbargo(
    get('embargoedUntil', 'embargoed', 'embargoeduntil'),
    messages,
    now,
  )

  const status = get('pubStatus', 'pubstatus').toLowerCase()
  const edNote = get('edNote', 'ednote')
  const kill = readKillNotice(status, edNote, uri, fields.headline)
  if (status === 'withheld' && !own)
    messages.unshift(
      'WITHHELD: the agency sent this item with pubStatus “withheld”; do not publish it until the agency releases it.',
    )
  if (edNote && !kill) {
    if (own) messages.push(`Note on the exported story: ${edNote}`)
    else unplaced.push({ kind: 'note', text: `Agency note: ${edNote}` })
  }
  if (!fields.headline) messages.push('The ninjs document has no headline.')
  return { format: 'ninjs', fields, messages, unplaced, kill }
}

/** Copydesk's own `by`: names joined with "; " when one holds a comma or "and", else with " and ". */
function ownByline(by: string): { names: string[]; agency: string } {
  const names = (by.includes('; ') ? by.split('; ') : by.split(' and ')).map((n) => n.trim())
  return { names: names.filter(Boolean), agency: '' }
}

function readKillNotice(
  status: string,
  edNote: string,
  uri: string,
  headline: string,
): KillNotice | null {
  const fromNote = edNote ? isKillNote(edNote) : false
  if (status !== 'canceled' && status !== 'cancelled' && !fromNote) return null
  const quoted = /[“"«„]([^”"»“]{5,300})[”"»“]/u.exec(edNote)?.[1]?.trim()
  return {
    reason: edNote || 'The agency canceled this item (pubStatus: canceled).',
    ...(uri ? { uri } : {}),
    headline: quoted ?? headline.replace(/^(?:KILL(?:ED)?|WITHDRAWN)\s*[:–—-]\s*/i, ''),
  }
}

function versionOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return stringOf(value) || undefined
}

/** The names of renditions that carry the story's text (AP Media API: nitf, anpa). */
function textRenditions(value: unknown): string[] {
  if (!isJsonObject(value)) return []
  return Object.entries(value)
    .filter(([, r]) => isJsonObject(r) && stringOf(r['type']) === 'text')
    .map(([name]) => name)
}

/** Superdesk's and AP's `source`/`provider`: a name, or an object with one. */
function nameOf(value: unknown): string {
  return isJsonObject(value) ? stringOf(value['name']) : stringOf(value)
}

function byRole(
  items: JsonObject[],
  roles: string[],
  fallbackToFirst = true,
): JsonObject | undefined {
  return (
    items.find((item) => roles.includes(stringOf(item['role']).toLowerCase())) ??
    (fallbackToFirst ? items[0] : undefined)
  )
}

/** True for a JSON object that looks like ninjs rather than any other JSON. */
export function looksLikeNinjs(data: unknown): boolean {
  if (!isJsonObject(data)) return false
  return [
    'uri',
    'guid',
    'headline',
    'headlines',
    'body_html',
    'body_text',
    'bodies',
    'versioncreated',
  ].some((key) => key in data)
}
