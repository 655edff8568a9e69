import { z } from 'zod'
import type { MediaLibrary, RemoteMedia } from '../../cms/CmsClient'
import type { Db } from '../db/Db'

const CmsMediaRow = z.object({
  media_id: z.string(),
  remote_id: z.number().int(),
  url: z.string(),
  described: z.boolean(),
  described_as: z.string().nullable(),
})

/**
 * What a site's media library holds of `mediaIds` (the desk's cms_media rows), read before a push
 * so the client asks without a round trip, and written through as the client uploads: a picture goes
 * to a site once, whichever server process pushed it.
 */
export async function cmsMediaLibrary(
  db: Db,
  site: string,
  mediaIds: readonly string[],
): Promise<MediaLibrary> {
  const known = new Map<string, RemoteMedia>()
  if (mediaIds.length > 0) {
    const rows = await db.query(
      `select media_id, remote_id, url, described, described_as from cms_media
        where site = $1 and media_id in (select jsonb_array_elements_text($2::jsonb))`,
      [site, JSON.stringify(mediaIds)],
    )
    for (const row of rows) {
      const parsed = CmsMediaRow.parse(row)
      known.set(parsed.media_id, {
        id: parsed.remote_id,
        url: parsed.url,
        described: parsed.described,
        describedAs: parsed.described_as ?? undefined,
      })
    }
  }
  return {
    get: (forSite, mediaId) => (forSite === site ? (known.get(mediaId) ?? null) : null),
    put: async (forSite, mediaId, remote) => {
      await db.query(
        `insert into cms_media (site, media_id, remote_id, url, described, described_as)
           values ($1, $2, $3, $4, $5, $6)
         on conflict (site, media_id) do update
           set remote_id = excluded.remote_id, url = excluded.url, described = excluded.described,
               described_as = excluded.described_as`,
        [forSite, mediaId, remote.id, remote.url, remote.described, remote.describedAs ?? null],
      )
      if (forSite === site) known.set(mediaId, remote)
    },
  }
}
