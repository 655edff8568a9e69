/** Which story a WordPress post belongs to, as Copydesk writes it into the post. */
export type PostOwner = { articleId: string; deskId: string }

const MARK = /<!-- copydesk:article ([0-9a-f-]{36}) desk ([0-9a-f-]{36}) -->/i

/**
 * The owner mark: an HTML comment at the head of the post content. WordPress keeps comments in
 * `content.raw` (kses keeps them; readers never see them), so the client reads it back with
 * `context=edit`; no plugin or registered post meta is needed. Single dashes only: kses folds "--".
 */
export function ownerMark(owner: PostOwner): string {
  return `<!-- copydesk:article ${owner.articleId} desk ${owner.deskId} -->`
}

/** The owner written into a post's raw content, or null when Copydesk did not make the post. */
export function readOwner(raw: string): PostOwner | null {
  const match = MARK.exec(raw)
  return match?.[1] && match[2] ? { articleId: match[1], deskId: match[2] } : null
}

export function sameOwner(a: PostOwner | null, b: PostOwner): boolean {
  return a !== null && a.articleId === b.articleId && a.deskId === b.deskId
}
