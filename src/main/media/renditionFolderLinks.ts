import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fetchWithTimeout, PushError } from '../../cms/CmsClient'
import type { LinkedRendition } from '../../cms/webhookRenditions'
import { isErrnoCode } from '../store/isErrnoCode'
import { writeFileDurably } from '../store/writeFileDurably'

/** Where a workstation publishes renditions for a webhook that takes links (Desk settings). */
export type RenditionFolder = { folder: string; url: string; timeoutMs?: number | undefined }

/**
 * Links for a webhook from a workstation with no server of its own: each rendition is copied into
 * the folder the desk's web server serves (named by its content, so a file already there is the
 * same file), and its address is asked for (HEAD) before the push names it: a link the receiving
 * CMS could not fetch stops the push with the reason, and the push is tried again later (a folder
 * synced to the web server may take a while). Only renditions come here, never an original.
 */
export function renditionFolderLinks(
  target: RenditionFolder,
): (rendition: LinkedRendition) => Promise<string> {
  return async (rendition) => {
    if (!target.folder)
      throw new PushError(
        'Webhook pictures go as links, and no folder for them is set (Desk settings, Webhook pictures folder: the folder on this computer that the pictures address serves); set it, or send pictures base64-encoded',
        false,
      )
    const file = join(target.folder, rendition.id)
    if ((await sizeOf(file)) !== rendition.data.length) {
      await mkdir(target.folder, { recursive: true })
      await writeFileDurably(file, rendition.data, 0o666)
    }
    const href = new URL(rendition.id, target.url.endsWith('/') ? target.url : `${target.url}/`)
      .href
    const answer = await fetchWithTimeout(
      href,
      { method: 'HEAD' },
      `The pictures address ${href}`,
      target.timeoutMs,
    )
    const length = answer.headers.get('content-length')
    if (answer.status !== 200 || (length !== null && Number(length) !== rendition.data.length))
      throw new PushError(
        `The picture ${rendition.id.slice(0, 12)}… was copied to ${target.folder}, and ${href} does not serve it (HTTP ${answer.status}${length !== null && answer.status === 200 ? `, ${length} bytes instead of ${rendition.data.length}` : ''}): make the web server serve that folder at ${target.url} (Desk settings, Webhook pictures), or send pictures base64-encoded; the push is tried again`,
        true,
      )
    return href
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null
    throw error
  }
}
