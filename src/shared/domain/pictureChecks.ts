import type { Check, CheckedArticle } from './checkArticle'
import type { DeskSettings } from './DeskSettings'
import type { DocNode } from './DocNode'

/** The body's figures in reading order, numbered from 1 as the checks name them. */
export function figuresIn(nodes: DocNode[] | undefined): DocNode[] {
  const found: DocNode[] = []
  const walk = (list: DocNode[] | undefined) => {
    for (const node of list ?? []) {
      if (node.type === 'figure') found.push(node)
      else walk(node.content)
    }
  }
  walk(nodes)
  return found
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/**
 * Every picture needs alt text (for readers who cannot see it) and a credit (the agency's terms);
 * both block submission, each named by which picture. A lead picture narrower than the desk's
 * minimum is a warning. Body figures are `figure-<n>-…`, so the editor can find the n-th.
 */
export function pictureChecks(
  article: Pick<CheckedArticle, 'leadPicture' | 'leadPictureWidth' | 'body'>,
  settings: Pick<DeskSettings, 'pictureMinLeadWidth'>,
): Check[] {
  const checks: Check[] = []
  const lead = article.leadPicture
  if (lead) {
    if (!lead.altText.trim())
      checks.push({
        id: 'lead-picture-alt',
        field: 'leadPicture',
        severity: 'error',
        message: 'The lead picture has no alt text.',
      })
    if (!lead.credit.trim())
      checks.push({
        id: 'lead-picture-credit',
        field: 'leadPicture',
        severity: 'error',
        message: 'The lead picture has no credit.',
      })
    const width = article.leadPictureWidth
    if (width && width < settings.pictureMinLeadWidth)
      checks.push({
        id: 'lead-picture-width',
        field: 'leadPicture',
        severity: 'warning',
        message: `The lead picture is ${width.toLocaleString('en')} px wide; the desk wants at least ${settings.pictureMinLeadWidth.toLocaleString('en')} px (Desk settings).`,
      })
  }
  figuresIn(article.body.content).forEach((figure, index) => {
    const n = index + 1
    if (!text(figure.attrs?.['altText']))
      checks.push({
        id: `figure-${n}-alt`,
        field: 'body',
        severity: 'error',
        message: `Picture ${n} in the body has no alt text.`,
      })
    if (!text(figure.attrs?.['credit']))
      checks.push({
        id: `figure-${n}-credit`,
        field: 'body',
        severity: 'error',
        message: `Picture ${n} in the body has no credit.`,
      })
  })
  return checks
}
