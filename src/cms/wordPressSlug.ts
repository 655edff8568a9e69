/**
 * A post slug as a reader would type it. WordPress stores non-Latin slugs percent-encoded
 * (sanitize_title_with_dashes runs utf8_uri_encode: "भारत" is "%e0%a4%ad%e0%a4%be%e0%a4%b0%e0%a4%a4"),
 * and answers with them so; Copydesk's slugs keep the letters. Compared decoded, they agree.
 */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug)
  } catch {
    return slug
  }
}

/** True when WordPress made `given` from `wanted` by adding its "-2", "-3"… to keep slugs unique. */
export function isSuffixedSlug(given: string, wanted: string): boolean {
  const decoded = decodeSlug(given)
  return decoded.startsWith(`${wanted}-`) && /^\d+$/.test(decoded.slice(wanted.length + 1))
}

/** The slug WordPress has is the desk's, or the desk's with WordPress's uniqueness suffix. */
export function isSameSlug(given: string, wanted: string): boolean {
  return decodeSlug(given) === wanted || isSuffixedSlug(given, wanted)
}
