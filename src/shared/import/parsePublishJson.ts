import { z } from 'zod'
import { Dateline, Entity, KeyPoints, LanguageTag, Source } from '../domain/Article'
import { blankFields } from '../domain/newArticle'
import type { HtmlToBody } from './HtmlBody'
import type { ImportProposal } from './ImportProposal'
import { isJsonObject, objectsOf, stringOf, type JsonObject } from './JsonObject'

/** True for a document Copydesk wrote as its publish JSON (any format version). */
export function isPublishJson(data: unknown): data is JsonObject {
  return isJsonObject(data) && data['format'] === 'copydesk-publish'
}

/**
 * A Copydesk publish JSON document (resources/copydesk-publish-2.1.schema.json, or 2.0 or 1.0) read back
 * into a new story for review: its fields as written, the body from its sanitized HTML (whose
 * marked dateline, key points and pull quotes the HTML reader knows), nothing guessed. What it
 * cannot bring (pictures, whose files sit beside the document; workflow state) is said in a note.
 */
export function parsePublishJson(
  data: JsonObject,
  htmlToBody: HtmlToBody,
  now: Date,
): ImportProposal {
  const fields = blankFields()
  const messages: string[] = []
  const version = stringOf(data['formatVersion']) || 'unknown'
  if (!['1.0', '2.0', '2.1'].includes(version))
    messages.push(
      `Copydesk publish JSON version ${version} is newer than this Copydesk reads; what it knows was read.`,
    )
  fields.headline = stringOf(data['headline'])
  fields.deck = stringOf(data['deck'])
  fields.summary = stringOf(data['summary'])
  const keyPoints = KeyPoints.safeParse(data['keyPoints'])
  if (keyPoints.success) fields.keyPoints = keyPoints.data
  const body = isJsonObject(data['body']) ? stringOf(data['body']['html']) : ''
  const read = htmlToBody(body, { headline: fields.headline })
  fields.body = read.body
  messages.push(...read.notes)
  const dateline = Dateline.safeParse(data['dateline'])
  if (dateline.success) fields.dateline = { place: dateline.data.place, date: dateline.data.date }
  else if (read.dateline)
    fields.dateline = { place: read.dateline.place ?? read.dateline.text, date: read.dateline.date }
  fields.byline = stringsOf(data['byline'])
  fields.credit = stringOf(data['credit'])
  fields.tags = stringsOf(data['tags'])
  fields.sources = kept(objectsOf(data['sources']), Source, 'source', messages)
  fields.entities = kept(objectsOf(data['entities']), Entity, 'entity', messages)
  const language = stringOf(data['language'])
  if (LanguageTag.safeParse(language).success) fields.language = language
  fields.contentCreated = isoTime(data['contentCreated'])
  fields.embargoedUntil = isoTime(data['embargo'])
  if (fields.embargoedUntil && Date.parse(fields.embargoedUntil) > now.getTime())
    messages.push(
      `EMBARGOED until ${new Date(fields.embargoedUntil).toISOString().replace('T', ' ').slice(0, 16)} UTC: the story must not be made public before then.`,
    )
  const pictures =
    (isJsonObject(data['leadImage']) ? 1 : 0) +
    (isJsonObject(data['body']) ? objectsOf(data['body']['blocks']) : []).filter(
      (block) => block['type'] === 'figure',
    ).length
  if (pictures > 0)
    messages.push(
      `The document's ${pictures === 1 ? 'picture was' : `${pictures} pictures were`} left out: add ${pictures === 1 ? 'it' : 'them'} again in the editor.`,
    )
  messages.unshift(
    `A story Copydesk exported (${stringOf(data['status']) || 'status unknown'}, revision ${String(data['revision'] ?? '?')}); it becomes a new draft here.`,
  )
  return { format: 'copydesk-publish', fields, messages, unplaced: read.unplaced, kill: null }
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(stringOf).filter(Boolean) : []
}

const IsoTime = z.iso.datetime({ offset: true })

function isoTime(value: unknown): string | null {
  const time = IsoTime.safeParse(value)
  return time.success ? time.data : null
}

function kept<T>(
  items: JsonObject[],
  schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } },
  what: string,
  messages: string[],
): T[] {
  const good: T[] = []
  for (const item of items) {
    const parsed = schema.safeParse(item)
    if (parsed.success) good.push(parsed.data)
    else messages.push(`An invalid ${what} (${JSON.stringify(item).slice(0, 80)}) was left out.`)
  }
  return good
}
