import type { Article } from '../../shared/domain/Article'
import type { BodyDoc } from '../../shared/domain/DocNode'
import { DeskError } from '../../shared/desk/DeskError'
import { checkBody, linksIn } from '../../shared/editor-schema/validateBody'
import { documentToStore } from './storyDocument'

/**
 * The body as the workstation stores it (articleForStore in main): read through the editor schema,
 * held to the save limits, links normalised; a link the story already had is kept, flagged by the checks.
 */
export function storableBody(body: BodyDoc, previous: () => BodyDoc | undefined): BodyDoc {
  let known: Set<string> | undefined
  const keepLink = (href: string) => {
    if (known === undefined) {
      const before = previous()
      known = new Set(before ? linksIn(before) : [])
    }
    return known.has(href)
  }
  const checked = checkBody(body, { keepLink })
  if (checked.problems.length > 0)
    throw new DeskError('INVALID_INPUT', checked.problems.join(' '), { problems: checked.problems })
  return checked.body
}

/** The document to store (documentToStore), or INVALID_INPUT naming why it cannot be. */
export function storableDocument(
  sent: Article,
  server: Parameters<typeof documentToStore>[1],
): Article {
  try {
    return documentToStore(sent, server)
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error)
    throw new DeskError('INVALID_INPUT', `The story cannot be saved: ${problem}`, {
      problems: [problem],
    })
  }
}
