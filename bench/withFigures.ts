import type { BodyDoc, DocNode } from '../src/shared/domain/DocNode'
import type { LeadPicture } from '../src/shared/domain/LeadPicture'

/**
 * The body with one figure node per picture, spread evenly between its blocks (a figure after
 * every n-th block, the rest at the end), as a writer places them through a long story.
 */
export function withFigures(body: BodyDoc, pictures: readonly LeadPicture[]): BodyDoc {
  const blocks = body.content ?? []
  const figures: DocNode[] = pictures.map((picture) => ({ type: 'figure', attrs: { ...picture } }))
  if (figures.length === 0) return { type: 'doc', content: [...blocks] }
  const every = Math.max(1, Math.floor(blocks.length / (figures.length + 1)))
  const content: DocNode[] = []
  let next = 0
  blocks.forEach((block, index) => {
    content.push(block)
    const figure = figures[next]
    if ((index + 1) % every === 0 && figure) {
      content.push(figure)
      next += 1
    }
  })
  content.push(...figures.slice(next))
  return { type: 'doc', content }
}
