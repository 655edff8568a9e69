import { PushError } from './CmsClient'
import { isRecord } from './isRecord'
import { readOwner, sameOwner, type PostOwner } from './wordPressOwnerMark'
import { PostNotFound, type WordPressRest } from './WordPressRest'

/** A post as the REST API returns it with context=edit (the fields Copydesk reads). */
export type Post = {
  id: string
  status: string
  slug: string
  /** The slug the post would get if it were published now (get_sample_permalink), when given. */
  generatedSlug: string
  link: string | null
  raw: string
}

/** The post by id with its raw content, or null when WordPress has no such post. */
export async function readPost(rest: WordPressRest, id: string): Promise<Post | null> {
  try {
    return toPost(await rest.v2(`/posts/${encodeURIComponent(id)}?context=edit`, { post: id }))
  } catch (error) {
    if (error instanceof PostNotFound) return null
    throw error
  }
}

/**
 * The post carrying this story's mark (made by a push whose confirmation was lost), or null. Two
 * posts carrying it (a copy made in WordPress, e.g. with Duplicate Post) are refused rather than
 * guessed between. The search is WordPress's LIKE on raw content; a user who may not edit a post
 * does not get it listed with context=edit, which is right: it could not be updated anyway.
 */
export async function findOwnPost(rest: WordPressRest, owner: PostOwner): Promise<Post | null> {
  const found = await rest.v2(
    `/posts?search=${encodeURIComponent(owner.articleId)}&status=any&context=edit&per_page=100`,
  )
  const posts = listOf(found).filter((post) => sameOwner(readOwner(post.raw), owner))
  if (posts.length > 1) {
    const ids = posts.map((post) => post.id)
    throw new PushError(
      `WordPress posts ${ids.slice(0, -1).join(', ')} and ${ids.at(-1) ?? ''} all carry this story's owner mark (one is a copy, e.g. made with Duplicate Post), so Copydesk cannot tell which is this story's post: delete the copy, or remove the mark (the Classic block at the top) from it in WordPress, then Retry`,
      false,
    )
  }
  return posts[0] ?? null
}

/** Posts this WordPress user can see that have `slug` and are not this story's. */
export async function othersWithSlug(
  rest: WordPressRest,
  slug: string,
  owner: PostOwner,
): Promise<Post[]> {
  const found = await rest.v2(
    `/posts?slug=${encodeURIComponent(slug)}&status=any&context=edit&per_page=100`,
  )
  return listOf(found).filter((post) => !sameOwner(readOwner(post.raw), owner))
}

export function toPost(value: unknown): Post | null {
  if (!isRecord(value) || value['id'] === undefined) return null
  const content = isRecord(value['content']) ? value['content'] : {}
  const text = (key: string) => (typeof value[key] === 'string' ? value[key] : '')
  return {
    id: String(value['id']),
    status: text('status'),
    slug: text('slug'),
    generatedSlug: text('generated_slug'),
    link: typeof value['link'] === 'string' ? value['link'] : null,
    raw: typeof content['raw'] === 'string' ? content['raw'] : '',
  }
}

function listOf(found: unknown): Post[] {
  return Array.isArray(found) ? found.map(toPost).filter((post): post is Post => post !== null) : []
}
