import { diffWords } from 'diff'
import type { EditableFields, Source } from './Article'
import { bodyDiffText } from './bodyDiffText'
import { formatDateline } from './formatDateline'

export type FieldChange = {
  field: string
  label: string
  before: string
  after: string
}
export type TextPart = { text: string; change: 'same' | 'added' | 'removed' }
export type ArticleDiff = { fields: FieldChange[]; body: TextPart[]; bodyChanged: boolean }

const LABELS: Record<Exclude<keyof EditableFields, 'body'>, string> = {
  headline: 'Headline',
  deck: 'Deck',
  summary: 'Summary',
  keyPoints: 'Key points',
  dateline: 'Dateline',
  byline: 'Byline',
  credit: 'Credit',
  sources: 'Sources',
  tags: 'Tags',
  language: 'Language',
  entities: 'People, places, organisations',
  contentCreated: 'Written',
  copyrightHolder: 'Copyright holder',
  copyrightNotice: 'Copyright notice',
  feedItem: 'Agency item',
  embargoedUntil: 'Embargoed until',
  leadPicture: 'Lead picture',
}

/** What changed from `before` to `after`: each changed field, and the body's words inserted and deleted. */
export function diffArticles(before: EditableFields, after: EditableFields): ArticleDiff {
  const fields: FieldChange[] = []
  for (const field of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    const a = readable(before, field)
    const b = readable(after, field)
    if (a !== b) fields.push({ field, label: LABELS[field], before: a, after: b })
  }
  const body = diffWords(bodyDiffText(before.body), bodyDiffText(after.body)).map(
    (part): TextPart => ({
      text: part.value,
      change: part.added ? 'added' : part.removed ? 'removed' : 'same',
    }),
  )
  return { fields, body, bodyChanged: body.some((part) => part.change !== 'same') }
}

function readable(article: EditableFields, field: keyof typeof LABELS): string {
  switch (field) {
    case 'keyPoints':
      return [article.keyPoints.title, ...article.keyPoints.items.map((item) => `• ${item}`)].join(
        '\n',
      )
    case 'dateline':
      return formatDateline(article.dateline)
    case 'byline':
    case 'tags':
      return article[field].join(', ')
    case 'sources':
      return article.sources.map(readableSource).join('\n')
    case 'entities':
      return article.entities.map((e) => `${e.name} (${e.kind})`).join(', ')
    case 'contentCreated':
      return article.contentCreated ?? ''
    case 'feedItem':
      return article.feedItem ? article.feedItem.uri : ''
    case 'embargoedUntil':
      return article.embargoedUntil ?? ''
    case 'leadPicture':
      return readableLeadPicture(article.leadPicture)
    default:
      return article[field]
  }
}

function readableLeadPicture(picture: EditableFields['leadPicture']): string {
  if (!picture) return ''
  const words = [picture.caption, picture.credit && `Credit: ${picture.credit}`]
  const alt = picture.altText ? `Alt text: ${picture.altText}` : 'No alt text'
  return [`Picture ${picture.mediaId.slice(0, 12)}…`, ...words.filter(Boolean), alt].join('\n')
}

function readableSource(source: Source): string {
  const name = source.name || '(no name)'
  if (source.url) return `${name} <${source.url}>`
  if (source.invalidUrl) return `${name} <${source.invalidUrl}> (not an http(s) link)`
  return name
}
