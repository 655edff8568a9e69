import { z } from 'zod'
import { Article, ArticleSummary } from '../shared/domain/Article'
import { AuditEntry } from '../shared/domain/History'
import { OutboxItem, outboxStateLabel, PushOutcome } from '../shared/domain/OutboxItem'
import { ROLE_LABELS } from '../shared/domain/Profile'
import { WorkstationProfile } from '../shared/ipc/calls/profileCalls'
import { countWords, docText } from '../shared/domain/countWords'
import { formatDateline } from '../shared/domain/formatDateline'
import type { ImportProposal } from '../shared/import/ImportProposal'

/** A plain-text table of article summaries for the terminal. */
export function formatList(value: unknown): string {
  const rows = ArticleSummary.array().parse(value)
  if (rows.length === 0) return 'No articles.'
  const lines = rows.map((row) =>
    [
      row.updatedAt.slice(0, 16).replace('T', ' '),
      row.status.padEnd(17),
      row.id,
      row.headline || '(untitled)',
    ].join('  '),
  )
  return [
    `${'UPDATED'.padEnd(16)}  ${'STATUS'.padEnd(17)}  ${'ID'.padEnd(36)}  HEADLINE`,
    ...lines,
  ].join('\n')
}

/** One article as readable text for the terminal. */
export function formatArticle(value: unknown): string {
  const article = Article.parse(value)
  const lines = [
    article.headline || '(untitled)',
    `${article.status} · revision ${article.revision} · updated ${article.updatedAt} · id ${article.id}`,
  ]
  if (article.embargoedUntil) lines.push(`Embargoed until ${article.embargoedUntil}`)
  if (article.scheduledFor) lines.push(`Scheduled for ${article.scheduledFor}`)
  for (const correction of article.corrections)
    lines.push(`Correction (${correction.at.slice(0, 10)}, ${correction.by}): ${correction.note}`)
  if (article.pendingCorrection)
    lines.push(
      `Correction note waiting to be published (${article.pendingCorrection.by}): ${article.pendingCorrection.note}`,
      `  It goes with the next push or export; to change it: copydesk push ${article.id} --correction TEXT`,
    )
  if (article.deck) lines.push('', article.deck)
  if (article.summary) lines.push('', article.summary)
  const body = docText(article.body).trim()
  if (body) lines.push('', body)
  return lines.join('\n')
}

/** An import proposal for the terminal: what was found, what was noted, and the article if created. */
export function formatProposal(proposal: ImportProposal, created: unknown): string {
  const { fields } = proposal
  const lines = [
    `Read as ${proposal.format}.`,
    `Headline:   ${fields.headline || '(none)'}`,
    `Deck:       ${fields.deck || '(none)'}`,
    `Summary:    ${fields.summary ? `${fields.summary.slice(0, 100)}${fields.summary.length > 100 ? '…' : ''}` : '(none)'}`,
    `Key points: ${fields.keyPoints.items.length}`,
    `Dateline:   ${formatDateline(fields.dateline) || '(none)'}`,
    `Byline:     ${fields.byline.join(', ') || '(none)'}`,
    `Credit:     ${fields.credit || '(none)'}`,
    `Language:   ${fields.language || '(desk default)'}`,
    `Entities:   ${fields.entities.map((e) => `${e.name} (${e.kind})`).join(', ') || '(none)'}`,
    `Body:       ${countWords(docText(fields.body))} words`,
    ...(proposal.kill
      ? [
          `KILL: ${proposal.kill.reason}${proposal.kill.earlier ? ` (on this desk: ${proposal.kill.earlier.id})` : ''}`,
        ]
      : []),
    ...proposal.unplaced.map(
      (item) => `Not placed${item.kind === 'caption' ? ' (photo caption)' : ''}: ${item.text}`,
    ),
    ...proposal.messages.map((message) => `Note: ${message}`),
  ]
  const article = Article.safeParse(created)
  lines.push(
    article.success
      ? `Created draft ${article.data.id}.`
      : proposal.kill
        ? 'Not created: an agency kill is never a story to publish.'
        : 'Not created: run again with --create to create it.',
  )
  return lines.join('\n')
}

/** Who is at the workstation. */
export function formatProfile(value: unknown): string {
  const profile = WorkstationProfile.nullable().parse(value)
  if (profile?.desk)
    return `${profile.name} (${ROLE_LABELS[profile.role]}): signed in to the desk at ${profile.desk.url} as ${profile.desk.email} (${profile.desk.accountRole})`
  return profile
    ? `${profile.name} (${ROLE_LABELS[profile.role]})`
    : 'No profile yet: copydesk profile set --name NAME --role writer|desk-chief'
}

/** An article's audit trail, one line per step. */
export function formatAudit(value: unknown): string {
  const entries = AuditEntry.array().parse(value)
  if (entries.length === 0) return 'No history.'
  return entries
    .map((entry) => {
      const move = entry.from && entry.to ? ` ${entry.from} → ${entry.to}` : ''
      const note = entry.note ? ` — ${entry.note}` : ''
      return `${entry.at.slice(0, 16).replace('T', ' ')}  ${entry.by.padEnd(20)}  ${entry.action}${move}${note}`
    })
    .join('\n')
}

/** Files an export wrote. */
export function formatExported(value: unknown): string {
  const files = z
    .array(z.object({ headline: z.string(), file: z.string(), final: z.boolean() }))
    .parse(value)
  if (files.length === 0) return 'Nothing to export.'
  return files.map((f) => `${f.final ? 'final  ' : 'PREVIEW'}  ${f.file}  ${f.headline}`).join('\n')
}

/** Schema problems of one article's export, or that it is valid. */
export function formatProblems(value: unknown): string {
  const problems = z
    .array(z.object({ path: z.string(), message: z.string(), field: z.string().nullable() }))
    .parse(value)
  if (problems.length === 0) return 'Valid.'
  return problems.map((p) => `${p.field ?? p.path}: ${p.path} ${p.message}`).join('\n')
}

/** Outbox items (one or a list): state, target, story, the CMS's post and the last error. */
export function formatOutbox(value: unknown): string {
  const items = OutboxItem.array().parse(Array.isArray(value) ? value : [value])
  if (items.length === 0) return 'The outbox is empty.'
  return items
    .map((item) => {
      const detail =
        item.state === 'sent'
          ? `${item.sentAt ?? ''}${item.remoteId ? ` (id ${item.remoteId})` : ''}`
          : (item.lastError ?? '')
      const next =
        item.state === 'failed'
          ? item.nextAttemptAt
            ? `; next try ${item.nextAttemptAt}`
            : '; will not retry by itself'
          : ''
      const notices = item.notices.map((notice) => `\n    note: ${notice}`).join('')
      return `${outboxStateLabel(item).padEnd(20)}  ${item.target.padEnd(9)}  ${item.headline}  ${detail}${next}${notices}`
    })
    .join('\n')
}

/** What a push did, in a sentence, then its outbox line. */
export function formatPush(value: unknown): string {
  const outcome = PushOutcome.parse(value)
  return `${outcome.message}\n${formatOutbox(outcome.item)}`
}

/** True when a push answer says the CMS has the story (sent now, or already had it). */
export function isSent(value: unknown): boolean {
  const parsed = PushOutcome.safeParse(value)
  return parsed.success && parsed.data.item.state === 'sent'
}
