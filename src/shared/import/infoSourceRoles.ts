/**
 * IPTC roles for ninjs `infoSources`. The agency the story came from is the originating party
 * (Information Source Role NewsCodes, isrol:originfo); a source the story cites is a content source,
 * which IPTC retired from that scheme in favour of the Content Production Party Role NewsCodes
 * (cpprole:contentSource), as the scheme itself says.
 */
export const ORIGINATING_ROLE = 'http://cv.iptc.org/newscodes/infosourcerole/originfo'
export const CONTENT_SOURCE_ROLE = 'http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource'

/** True for a role meaning "the party the story came from", in any spelling feeds use. */
export function isOriginatingRole(role: string): boolean {
  return /(?:^|[/:])(?:originfo|originatingsource|originator|credit|provider|supplier)$/i.test(
    role.trim(),
  )
}
