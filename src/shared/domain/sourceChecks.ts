import { SOURCE_LINK_MAX, SOURCE_NAME_MAX, type Source } from './Article'
import { sourceProblems, type SourceProblem } from './sourceProblems'

const LINK_MAX = SOURCE_LINK_MAX.toLocaleString('en-US')

const WORDING: Record<
  SourceProblem,
  { id: string; one: (n: number) => string; many: (list: string) => string }
> = {
  'no-name': {
    id: 'source-name-missing',
    one: (n) => `Source ${n} has a link but no name: add the name.`,
    many: (list) => `Sources ${list} have a link but no name: add the names.`,
  },
  'bad-link': {
    id: 'source-link-invalid',
    one: (n) => `Source ${n}’s link is not an http(s) address: fix it or clear it.`,
    many: (list) => `The links of sources ${list} are not http(s) addresses: fix or clear them.`,
  },
  'long-link': {
    id: 'source-link-long',
    one: (n) => `Source ${n}’s link is over ${LINK_MAX} characters: shorten it.`,
    many: (list) => `The links of sources ${list} are over ${LINK_MAX} characters: shorten them.`,
  },
  'long-name': {
    id: 'source-name-long',
    one: (n) => `Source ${n}’s name is over ${SOURCE_NAME_MAX} characters: shorten it.`,
    many: (list) =>
      `The names of sources ${list} are over ${SOURCE_NAME_MAX} characters: shorten them.`,
  },
}

/**
 * One check per kind of source problem, naming the sources by their number in the field
 * ("Source 2’s link is not an http(s) address", "Sources 2 and 4 have a link but no name").
 */
export function sourceChecks(sources: Source[]): { id: string; message: string }[] {
  const numbers = new Map<SourceProblem, number[]>()
  sources.forEach((source, index) => {
    for (const problem of sourceProblems(source))
      numbers.set(problem, [...(numbers.get(problem) ?? []), index + 1])
  })
  return [...numbers].map(([problem, which]) => {
    const wording = WORDING[problem]
    const [first] = which
    const message =
      which.length === 1 && first !== undefined ? wording.one(first) : wording.many(listed(which))
    return { id: wording.id, message }
  })
}

function listed(numbers: number[]): string {
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1) ?? ''}`
}
