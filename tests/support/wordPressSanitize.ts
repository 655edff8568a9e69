/**
 * WordPress's text sanitizers as the fake WordPress needs them, after wordpress-develop's
 * formatting.php.
 */

/**
 * sanitize_title() in the 'save' context: remove_accents() (Latin letters lose their accents;
 * approximated with Unicode decomposition, plus the ligatures and letters it spells out), then
 * sanitize_title_with_dashes(): tags stripped, stray "%" dropped, lower case, every non-ASCII
 * character percent-encoded as UTF-8 in lower-case hex (utf8_uri_encode, cut at 200 encoded
 * characters, never inside a character), entities killed, "." to "-", anything else but
 * [%a-z0-9 _-] dropped, whitespace to "-", runs of "-" folded and trimmed.
 * "भारत-जापान" is "%e0%a4%ad%e0%a4%be%e0%a4%b0%e0%a4%a4-%e0%a4%9c%e0%a4%be%e0%a4%aa%e0%a4%be%e0%a4%a8".
 */
export function sanitizeTitle(title: string): string {
  let text = removeAccents(title).replace(/<[^>]*>/g, '')
  text = text.replace(/%(?![a-f\d]{2})/gi, '')
  text = utf8UriEncode(text.toLowerCase(), 200).toLowerCase()
  // The 'save' context: no-break space and en/em dashes become "-"; quotes and marks go.
  text = text.replace(/%c2%a0|%e2%80%93|%e2%80%94/g, '-').replace(STRIPPED, '')
  return text
    .replace(/&.+?;/g, '')
    .replace(/\./g, '-')
    .replace(/[^%a-z0-9 _-]/g, '')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** `pre_term_name`: sanitize_text_field, wp_filter_kses, then _wp_specialchars (no double encoding). */
export function termName(name: string): string {
  return name
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&(?!(?:[a-z][a-z\d]*|#\d+|#x[\da-f]+);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

const STRIPPED =
  /%c2%a1|%c2%bf|%c2%ab|%c2%bb|%e2%80%b9|%e2%80%ba|%e2%80%98|%e2%80%99|%e2%80%9c|%e2%80%9d|%e2%80%9a|%e2%80%9b|%e2%80%9e|%e2%80%9f|%e2%80%a2|%c2%a9|%c2%ae|%c2%b0|%e2%80%a6|%e2%84%a2|%c2%b4|%cb%8a|%cc%81|%cd%81|%cc%80|%cc%84|%cc%8c/g

const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
}

function removeAccents(text: string): string {
  return text
    .replace(/[ßæÆøØœŒđĐłŁþÞ]/g, (c) => SPELLED[c] ?? c)
    .replace(/\p{Script=Latin}\p{M}*/gu, (letter) =>
      letter.normalize('NFD').replace(/\p{M}+/gu, ''),
    )
}

/** utf8_uri_encode(): each non-ASCII character as %xx octets, stopping before `length` is passed. */
function utf8UriEncode(text: string, length: number): string {
  let out = ''
  for (const char of text) {
    const piece =
      char.charCodeAt(0) < 128
        ? char
        : [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16)}`).join('')
    if (out.length + piece.length > length) break
    out += piece
  }
  return out
}
