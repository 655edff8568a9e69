import { HttpUrl, SOURCE_LINK_MAX, type Source } from './Article'

/**
 * The source named `name` with `typed` as its link, sorted once for the field and the save alike:
 * an http(s) address (within the length limit) is its `url`; anything else is kept as typed, apart,
 * as `invalidUrl`, so it stays flagged until fixed and is never exported. `typed` is kept as it is
 * (the field shows what was typed); the save trims it first.
 */
export function sourceWithLink(name: string, typed: string): Source {
  if (!typed.trim()) return { name }
  return typed.length <= SOURCE_LINK_MAX && HttpUrl.safeParse(typed).success
    ? { name, url: typed }
    : { name, invalidUrl: typed }
}

/** The link as typed, whichever way it was sorted. */
export function sourceLink(source: Source): string {
  return source.url ?? source.invalidUrl ?? ''
}
