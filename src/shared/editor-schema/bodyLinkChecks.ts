import type { BodyDoc, DocNode } from '../domain/DocNode'
import { isLocalAddress, normalizeLink } from './normalizeLink'

/** Every link's address in `body`, as stored (not normalised), walked without recursion. */
export function linksIn(body: BodyDoc): string[] {
  const found: string[] = []
  const nodes: DocNode[] = [...(body.content ?? [])].reverse()
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    for (const mark of node.marks ?? []) {
      const href = mark.attrs?.['href']
      if (mark.type === 'link' && typeof href === 'string') found.push(href)
    }
    const children = node.content ?? []
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i]
      if (child) nodes.push(child)
    }
  }
  return found
}

/**
 * The body's links a reader could not follow, for the checks (they block Submit): one an older
 * Copydesk stored that no save accepts now (`/news/older`, kept so an edit elsewhere is never
 * refused), and one into a private network (`http://localhost:8080/admin`, `http://intranet/`).
 */
export function bodyLinkChecks(body: BodyDoc): { id: string; message: string }[] {
  const links = [...new Set(linksIn(body))]
  const invalid = links.filter((href) => normalizeLink(href) === null)
  const local = links.filter((href) => !invalid.includes(href) && isLocalAddress(href))
  const checks: { id: string; message: string }[] = []
  if (invalid.length > 0)
    checks.push({
      id: 'body-link-invalid',
      message: `${theBodyHas(invalid.length)} that only work${invalid.length === 1 ? 's' : ''} inside one site or computer: ${listed(invalid)}. Make ${invalid.length === 1 ? 'it a full address' : 'them full addresses'} (https://…) or remove ${invalid.length === 1 ? 'it' : 'them'}.`,
    })
  if (local.length > 0)
    checks.push({
      id: 'body-link-local',
      message: `${theBodyHas(local.length)} into a private network, which readers cannot open: ${listed(local)}. Link to a public address.`,
    })
  return checks
}

function theBodyHas(n: number): string {
  return n === 1 ? 'The body has a link' : `The body has ${n} links`
}

function listed(links: string[]): string {
  const shown = links.slice(0, 3).map((href) => (href.length > 80 ? `${href.slice(0, 80)}…` : href))
  const more = links.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}
