import { Article } from '../../shared/domain/Article'
import { markCheckedBody, type BodyDoc } from '../../shared/domain/DocNode'
import { checkBody, linksIn } from '../../shared/editor-schema/validateBody'
import { AppError } from '../../shared/ipc/AppError'

/**
 * The article as it is written, or a refusal that names what is wrong. Every write of an article goes
 * through here (create, save, restore of a revision, a workflow step): a body that changed is read
 * through the editor schema (attributes it does not declare dropped, links normalised, the save
 * limits kept), and the whole is checked against the article schema, in words.
 *
 * A link a save would refuse is kept when the article already had it (`previous`) or when it comes
 * back with a restored revision (`keepLinksOf`): an older Copydesk stored it, the checks flag it.
 */
export function articleForStore(next: Article, previous?: Article, keepLinksOf?: BodyDoc): Article {
  let article = next
  if (next.body !== previous?.body) {
    const { body, problems } = checkBody(next.body, {
      keepLink: storedLinks([previous?.body, keepLinksOf]),
      previous: previous?.body,
    })
    if (problems.length > 0) throw new AppError('INVALID_INPUT', problems.join(' '), { problems })
    markCheckedBody(body)
    article = { ...next, body }
  }
  const parsed = Article.safeParse(article)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.map(String).join('.') || 'the article'
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : ''
  throw new AppError(
    'INVALID_INPUT',
    `The article cannot be saved: ${where}: ${issue?.message ?? 'invalid'}${more}.`,
  )
}

/** Whether a link is one of those in `bodies`; the set is made only when a link needs it. */
function storedLinks(bodies: (BodyDoc | undefined)[]): (href: string) => boolean {
  let known: Set<string> | undefined
  return (href) => {
    known ??= new Set(bodies.flatMap((body) => (body ? linksIn(body) : [])))
    return known.has(href)
  }
}
