import type { BodyDoc, DocNode } from '../domain/DocNode'
import { blankFields } from '../domain/newArticle'
import type { ImportProposal } from './ImportProposal'
import { bodyOf } from './parseWireText'

type Json = Record<string, unknown>

/**
 * Reads an IPTC ninjs document, versions 1.x to 3.x (headline or headlines, body_html / body_text or
 * bodies, by or byline, located, description_* or descriptions, subject(s), keywords, infoSources),
 * into article fields. `htmlToBody` sanitizes and parses HTML bodies with the editor schema.
 */
export function parseNinjs(data: unknown, htmlToBody: (html: string) => BodyDoc): ImportProposal {
  const fields = blankFields()
  const messages: string[] = []
  if (!isObject(data))
    return { format: 'ninjs', fields, messages: ['The JSON is not a ninjs object.'] }

  const headlines = list(data['headlines'])
  fields.headline =
    text(byRole(headlines, ['main', 'headline'])?.['value']) || text(data['headline'])
  fields.deck = text(
    byRole(headlines, ['sub', 'subheadline', 'deck', 'subtitle'], false)?.['value'],
  )

  const descriptions = list(data['descriptions'])
  const description = byRole(descriptions, ['summary', 'description', 'abstract'])
  fields.summary = stripTags(
    text(description?.['value']) ||
      text(data['description_text']) ||
      text(data['description_html']),
  )

  const bodies = list(data['bodies'])
  const richBody =
    bodies.find((b) => /html|xml/i.test(text(b['contenttype']) || text(b['contentType']))) ?? null
  const plainBody =
    bodies.find(
      (b) =>
        /plain/i.test(text(b['contenttype']) || text(b['contentType'])) ||
        (!b['contenttype'] && !b['contentType']),
    ) ?? null
  const html = text(richBody?.['value']) || text(data['body_html']) || text(data['body_xhtml'])
  const plain = text(plainBody?.['value']) || text(data['body_text'])
  if (html) fields.body = htmlToBody(html)
  else if (plain)
    fields.body = bodyOf(
      plain
        .split(/\n\s*\n/)
        .map(paragraph)
        .filter(isNode),
    )
  else messages.push('The ninjs document has no body.')

  const by = text(data['by']) || text(data['byline'])
  fields.byline = by
    ? by
        .replace(/^by\s+/i, '')
        .split(/\s*(?:,|\band\b|&)\s*/)
        .filter(Boolean)
    : []
  const located = data['located']
  fields.dateline.place = isObject(located) ? text(located['name']) : text(located)
  const date =
    text(data['firstcreated']) ||
    text(data['firstCreated']) ||
    text(data['versioncreated']) ||
    text(data['versionCreated'])
  fields.dateline.date = /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null

  const subjects = [...list(data['subjects']), ...list(data['subject'])]
    .map((s) => text(s['name']))
    .filter(Boolean)
  const keywords = Array.isArray(data['keywords']) ? data['keywords'].map(text).filter(Boolean) : []
  fields.tags = [...new Set([...subjects, ...keywords])].slice(0, 50)

  const infoSources = list(data['infoSources'])
  fields.credit =
    text(infoSources[0]?.['name']) || text(data['copyrightholder']) || text(data['copyrightHolder'])
  fields.sources = infoSources
    .slice(1)
    .map((s) => ({
      name: text(s['name']),
      url: /^https?:\/\//i.test(text(s['uri'])) ? text(s['uri']) : undefined,
    }))
    .filter((s) => s.name)
  if (!fields.headline) messages.push('The ninjs document has no headline.')
  return { format: 'ninjs', fields, messages }
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

function byRole(items: Json[], roles: string[], fallbackToFirst = true): Json | undefined {
  return (
    items.find((item) => roles.includes(text(item['role']).toLowerCase())) ??
    (fallbackToFirst ? items[0] : undefined)
  )
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

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

function paragraph(line: string): DocNode | undefined {
  const clean = line.replace(/\s+/g, ' ').trim()
  return clean ? { type: 'paragraph', content: [{ type: 'text', text: clean }] } : undefined
}

function isNode(node: DocNode | undefined): node is DocNode {
  return node !== undefined
}
