/** What a picture in pasted HTML can become: bytes in the page itself, an address to ask about, or nothing. */
export type PastedPicture =
  | { kind: 'data'; base64: string; name: string }
  | { kind: 'https'; url: string }
  | { kind: 'dropped'; src: string }

const DATA_URL = /^data:(image\/[a-z0-9.+-]+)?(?:;[a-z0-9=.+-]+)*;base64,([A-Za-z0-9+/=\s]+)$/i

/**
 * Sorts the `src` of a pasted `<img>`: a base64 data: URL is a picture already here (its bytes are
 * checked by main like any file's); an https address is fetched only if the user agrees; anything
 * else (http, file, blob, cid, a relative path, javascript:) is left out of the paste.
 */
export function pastedPictureSource(src: string): PastedPicture {
  const trimmed = src.trim()
  const data = DATA_URL.exec(trimmed)
  if (data?.[2]) {
    const ext = data[1]?.split('/')[1]?.replace(/\W.*$/, '') ?? 'picture'
    return { kind: 'data', base64: data[2].replace(/\s+/g, ''), name: `pasted picture.${ext}` }
  }
  try {
    const url = new URL(trimmed)
    if (url.protocol === 'https:') return { kind: 'https', url: url.href }
  } catch {
    // Not an absolute address: a relative path means nothing outside its page.
  }
  return { kind: 'dropped', src: trimmed.slice(0, 200) }
}
