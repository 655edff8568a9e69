import { SOURCE_LINK_MAX, SOURCE_NAME_MAX, type Source } from './Article'
import { sourceLink } from './sourceWithLink'

/** What keeps a source from going out: each blocks submission until fixed. */
export type SourceProblem = 'no-name' | 'bad-link' | 'long-link' | 'long-name'

/**
 * A source's problems, in the order the field shows them. A row with nothing typed has none: it is
 * not a source yet, and the save leaves it out.
 */
export function sourceProblems(source: Source): SourceProblem[] {
  const name = source.name.trim()
  const link = sourceLink(source).trim()
  const problems: SourceProblem[] = []
  if (!name && link) problems.push('no-name')
  if (name.length > SOURCE_NAME_MAX) problems.push('long-name')
  if (link.length > SOURCE_LINK_MAX) problems.push('long-link')
  else if (link && source.url === undefined) problems.push('bad-link')
  return problems
}

/** Whether the store would refuse the source as it stands (too long to keep). */
export function isUnstorable(source: Source): boolean {
  return sourceProblems(source).some(
    (problem) => problem === 'long-link' || problem === 'long-name',
  )
}

/** The field's words for one problem, next to the source it is about. */
export function sourceProblemText(problem: SourceProblem): string {
  switch (problem) {
    case 'no-name':
      return 'Add the name of this source.'
    case 'bad-link':
      return 'Not an http(s) link: fix it or clear it.'
    case 'long-link':
      return `Link over ${SOURCE_LINK_MAX.toLocaleString('en-US')} characters: shorten it.`
    case 'long-name':
      return `Name over ${SOURCE_NAME_MAX} characters: shorten it.`
  }
}
