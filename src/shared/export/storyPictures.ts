import type { Article } from '../domain/Article'
import type { LeadPicture } from '../domain/LeadPicture'
import { toPublication } from './toPublication'

/** A story's pictures in reading order: the lead picture, then each figure, named as the desk sees them. */
export function storyPictures(
  article: Article,
): { picture: LeadPicture; label: string; lead: boolean }[] {
  const { leadPicture, body } = toPublication(article)
  const figures = (body ?? []).flatMap((block) => (block.type === 'figure' ? [block] : []))
  return [
    ...(leadPicture ? [{ picture: leadPicture, label: 'the lead picture', lead: true }] : []),
    ...figures.map((figure, i) => ({
      picture: figure,
      label: `figure ${i + 1} in the body`,
      lead: false,
    })),
  ]
}
