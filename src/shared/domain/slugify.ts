/** A URL slug from a headline; keeps letters of any script so non-Latin headlines still get one. */
export function slugify(headline: string, maxLength = 80): string {
  const slug = headline
    .normalize('NFKD')
    // Accents go from Latin letters only: in Devanagari and other scripts the marks are letters' vowels.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '')
}
