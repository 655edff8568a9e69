import type { LeadPicture } from '../domain/LeadPicture'
import { blocksToHtml } from './blocksToHtml'
import type { Block, Publication } from './Publication'
import { figureHtml, publishPicture, type PictureFiles } from './publishPicture'

/** The association name of the lead picture; figures are `picture1`, `picture2`… in body order. */
export const LEAD_ASSOCIATION = 'featureimage'
export const MEDIA_URI_BASE = 'urn:copydesk:media:'

/**
 * The story's pictures as ninjs 3.1 associations: the lead picture as `featureimage`, then each
 * figure as `picture<n>`, each a picture item with its caption (`descriptions` role `caption`), alt
 * text (role `alt`: ninjs has no property of its own for it), photographer (`by`), credit
 * (`copyrightHolder`), copyright notice and renditions. The schema wants a rendition's `href` to be
 * an absolute URI, so the path of a file written beside the export is its `title`.
 */
export function ninjsAssociations(p: Publication, files: PictureFiles | undefined) {
  const figures = (p.body ?? []).flatMap((block) => (block.type === 'figure' ? [block] : []))
  const list = [
    ...(p.leadPicture ? [association(LEAD_ASSOCIATION, p.leadPicture, files)] : []),
    ...figures.map((figure, i) => association(`picture${i + 1}`, figure, files)),
  ]
  return list.length > 0 ? list : undefined
}

function association(name: string, picture: LeadPicture, files: PictureFiles | undefined) {
  const { caption, credit, creator, copyright, altText, renditions } = publishPicture(
    picture,
    files,
  )
  const descriptions = [
    ...(caption ? [{ role: 'caption', contentType: 'text/plain', value: caption }] : []),
    ...(altText ? [{ role: 'alt', contentType: 'text/plain', value: altText }] : []),
  ]
  return {
    name,
    uri: `${MEDIA_URI_BASE}${picture.mediaId}`,
    type: 'picture',
    representationType: 'partial',
    ...(descriptions.length > 0 ? { descriptions } : {}),
    ...(creator || credit ? { by: creator || credit } : {}),
    ...(credit ? { copyrightHolder: credit } : {}),
    ...(copyright ? { copyrightNotice: copyright } : {}),
    ...(renditions.length > 0
      ? {
          renditions: renditions.map((r) => ({
            name: r.name,
            ...('path' in r ? { title: r.path } : {}),
            ...('href' in r ? { href: r.href } : {}),
            contentType: r.contentType,
            width: r.width,
            height: r.height,
            sizeInBytes: r.bytes,
          })),
        }
      : {}),
  }
}

/**
 * The body's HTML with each figure in its place, pointing at its association; the dateline leads
 * the first paragraph as it does without figures.
 */
export function ninjsBodyHtml(p: Publication, files: PictureFiles | undefined): string {
  let html = ''
  let run: Block[] = []
  let figures = 0
  let dateline = true
  const flush = () => {
    const lead = dateline && run.some((block) => block.type === 'paragraph')
    html += blocksToHtml(run, lead ? p.dateline : undefined)
    if (lead) dateline = false
    run = []
  }
  for (const block of p.body ?? p.blocks) {
    if (block.type !== 'figure') {
      run.push(block)
      continue
    }
    flush()
    figures += 1
    html += figureHtml(publishPicture(block, files), `picture${figures}`)
  }
  flush()
  return html
}
