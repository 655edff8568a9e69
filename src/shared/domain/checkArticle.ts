import type { AgencyKill, EditableFields } from './Article'
import { docText } from './countWords'
import type { DeskSettings } from './DeskSettings'
import type { DocNode } from './DocNode'
import { sourceChecks } from './sourceChecks'
import { bodyLinkChecks } from '../editor-schema/bodyLinkChecks'
import { systemClock } from './Clock'
import { pictureChecks } from './pictureChecks'
import { deskTimeZone, formatDeskTime } from './deskTime'
import { pendingEmbargo } from './publicationTime'

export type CheckField = keyof EditableFields
export type Check = {
  /** Stable for a kind of problem, so the UI can key and tests can name it. */
  id: string
  field: CheckField
  severity: 'error' | 'warning'
  message: string
}

/**
 * An article as the checks read it: the editable fields, an agency's kill when one came, and the
 * stored width of its lead picture's original when it is known (the picture record has it, the
 * article does not).
 */
export type CheckedArticle = EditableFields & {
  agencyKill?: AgencyKill | null | undefined
  leadPictureWidth?: number | null | undefined
}

/**
 * Everything the desk would send back, in reading order. Errors block submission and export;
 * warnings are for the editor to weigh. An agency's kill and an embargo that has not passed
 * (at `now`, said in the desk's time zone) come first: they decide whether and when it may go.
 */
export function checkArticle(
  article: CheckedArticle,
  settings: DeskSettings,
  now: Date = systemClock.now(),
): Check[] {
  const checks: Check[] = []
  const add = (id: string, field: CheckField, severity: Check['severity'], message: string) =>
    checks.push({ id, field, severity, message })

  const kill = article.agencyKill
  if (kill && !kill.acknowledged)
    add(
      'agency-kill',
      'feedItem',
      'error',
      'The agency withdrew this story: do not publish. A desk chief must acknowledge it (its note is above the editor).',
    )
  else if (kill?.acknowledged)
    add(
      'agency-kill',
      'feedItem',
      'warning',
      `The agency withdrew this story; ${kill.acknowledged.by} acknowledged it on ${kill.acknowledged.at.slice(0, 10)}.`,
    )
  // A hold on publication, not on the desk's work: it is said, and the export and push refuse.
  const embargo = pendingEmbargo(
    { embargoedUntil: article.embargoedUntil, scheduledFor: null },
    now,
  )
  if (embargo)
    add(
      'embargo',
      'embargoedUntil',
      'warning',
      `Embargoed until ${formatDeskTime(embargo, deskTimeZone(settings.timeZone))}: it can be submitted and approved, but not exported as final copy or pushed before then.`,
    )

  const headline = article.headline.trim()
  if (!headline) add('headline-missing', 'headline', 'error', 'Headline is missing.')
  else if (headline.length > settings.headlineLimit) {
    add(
      'headline-long',
      'headline',
      'warning',
      `Headline is ${headline.length} characters; the desk's limit is ${settings.headlineLimit}.`,
    )
  }
  const summary = article.summary.trim()
  if (summary.length > settings.summaryLimit) {
    add(
      'summary-long',
      'summary',
      'warning',
      `Summary is ${summary.length} characters; the desk's limit is ${settings.summaryLimit}.`,
    )
  }
  const points = article.keyPoints.items.filter((item) => item.trim())
  if (points.length < settings.keyPointsMin || points.length > settings.keyPointsMax) {
    add(
      'key-points-count',
      'keyPoints',
      'warning',
      `Key points: ${points.length}; the desk wants ${settings.keyPointsMin} to ${settings.keyPointsMax}.`,
    )
  }
  if (points.length < article.keyPoints.items.length)
    add('key-points-empty', 'keyPoints', 'warning', 'A key point is empty.')
  const quotes = pullQuotes(article.body.content)
  const unattributed = quotes.filter((quote) => !quote.attribution.trim()).length
  if (unattributed > 0) {
    add(
      'pull-quote-attribution',
      'body',
      'error',
      unattributed === 1
        ? 'A pull quote has no attribution.'
        : `${unattributed} pull quotes have no attribution.`,
    )
  }
  if (quotes.some((quote) => !quote.text.trim()))
    add('pull-quote-empty', 'body', 'error', 'A pull quote has no text.')
  if (!article.dateline.place.trim())
    add('dateline-place', 'dateline', 'error', 'Dateline place is missing.')
  if (!article.dateline.date) add('dateline-date', 'dateline', 'error', 'Dateline date is missing.')
  if (article.byline.length === 0 && !article.credit.trim()) {
    add('byline-or-credit', 'byline', 'error', 'Add a byline or an agency credit.')
  }
  if (!docText(article.body).trim()) add('body-empty', 'body', 'error', 'The body is empty.')
  for (const check of bodyLinkChecks(article.body)) add(check.id, 'body', 'error', check.message)
  for (const check of sourceChecks(article.sources))
    add(check.id, 'sources', 'error', check.message)
  for (const check of pictureChecks(article, settings)) checks.push(check)
  return checks
}

/** True when nothing in `checks` blocks submission. */
export function passesChecks(checks: Check[]): boolean {
  return checks.every((check) => check.severity !== 'error')
}

function pullQuotes(nodes: DocNode[] | undefined): { text: string; attribution: string }[] {
  const found: { text: string; attribution: string }[] = []
  for (const node of nodes ?? []) {
    if (node.type === 'pullQuote') {
      const part = (type: string) => docText(node.content?.find((child) => child.type === type))
      found.push({ text: part('pullQuoteText'), attribution: part('pullQuoteAttribution') })
    } else {
      found.push(...pullQuotes(node.content))
    }
  }
  return found
}
