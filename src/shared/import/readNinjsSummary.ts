import { htmlToText } from './htmlToText'
import { objectsOf, stringOf, type JsonObject } from './JsonObject'
import { normalizeText } from './normalizeText'
import { contentTypeOf } from './readNinjsBody'

/** Tags that make a description without a content type HTML. */
const MARKUP = /<\/?(?:p|b|i|em|strong|br|a|span|div|ul|ol|li)\b[^>]*>/i

/**
 * The summary from the descriptions: text as it is, HTML as text. TT sends the start of the lead
 * cut off mid-word as its description: that is not a summary, and the review says why.
 */
export function readNinjsSummary(data: JsonObject, bodyText: string, messages: string[]): string {
  const description = byRole(objectsOf(data['descriptions']), [
    'summary',
    'description',
    'abstract',
    'text',
    'teaser',
  ])
  const value = stringOf(description?.['value'])
  const type = description ? contentTypeOf(description) : ''
  const raw = value || stringOf(data['description_text']) || stringOf(data['description_html'])
  // "Costs rose <5% while revenue rose >3%" is text: only a declared or unmistakable HTML type is stripped.
  const html = value
    ? /html/i.test(type) || (!type && MARKUP.test(value))
    : !stringOf(data['description_text'])
  const summary = html ? htmlToText(raw).join(' ') : raw.replace(/\s+/g, ' ').trim()
  const wanted = normalizeText(summary)
  if (wanted.length >= 40 && normalizeText(bodyText).startsWith(wanted)) {
    messages.push(
      `The feed's description is the start of the lead, cut off (“…${summary.slice(-40)}”); it was not used as the summary.`,
    )
    return ''
  }
  return summary
}

function byRole(items: JsonObject[], roles: string[]): JsonObject | undefined {
  return items.find((item) => roles.includes(stringOf(item['role']).toLowerCase())) ?? items[0]
}
