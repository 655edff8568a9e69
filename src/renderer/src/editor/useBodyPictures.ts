import type { Editor } from '@tiptap/react'
import { useCallback, useMemo, useState, type RefObject } from 'react'
import type { PictureRecord } from '../../../shared/media/PictureRecord'
import { pastedPictureSource } from '../../../shared/media/pastedPictureSource'
import { api } from '../api'
import { importPictureFile } from './importPictureFile'

/** At most this many pictures are taken from one paste or drop. */
const MAX_AT_ONCE = 10

export type BodyPictures = {
  /** Pictures being stored. */
  busy: number
  /** Refusals and what a paste left out, for the note above the body. */
  notes: string[]
  /** An https picture from a paste, waiting for the user's yes or no. */
  asking: string | null
  insertFiles: (files: File[], at?: number) => void
  /** Pictures in pasted HTML (the paste's text goes in as usual, without them). */
  takeFromHtml: (html: string) => void
  answer: (download: boolean) => void
  dismissNotes: () => void
}

/**
 * Adding pictures to the body: files chosen, dropped or pasted, and pictures in pasted HTML (a
 * data: URL is taken at once; an https one only when the user agrees, fetched by main; anything
 * else left out with a note). Each becomes a figure where the cursor (or the drop) is.
 */
export function useBodyPictures(editor: RefObject<Editor | null>): BodyPictures {
  const [busy, setBusy] = useState(0)
  const [notes, setNotes] = useState<string[]>([])
  const [queue, setQueue] = useState<string[]>([])
  const note = useCallback((text: string) => setNotes((all) => [...all.slice(-4), text]), [])
  const place = useCallback(
    (picture: PictureRecord, at?: number) => {
      const e = editor.current
      if (!e || e.isDestroyed) return
      const found = picture.metadata
      const chain = e.chain().focus()
      if (at !== undefined) chain.setTextSelection(at)
      chain
        .setFigure({
          mediaId: picture.id,
          caption: found.caption,
          credit: found.credit,
          creator: found.creator,
          copyright: found.copyright,
          altText: found.altText,
        })
        .run()
    },
    [editor],
  )
  const store = useCallback(
    async (what: () => Promise<PictureRecord>, at?: number) => {
      setBusy((n) => n + 1)
      try {
        place(await what(), at)
      } catch (error) {
        note(error instanceof Error ? error.message : String(error))
      } finally {
        setBusy((n) => n - 1)
      }
    },
    [note, place],
  )
  const insertFiles = useCallback(
    (files: File[], at?: number) => {
      if (files.length > MAX_AT_ONCE)
        note(`Only the first ${MAX_AT_ONCE} of ${files.length} pictures were added.`)
      // One after the other, so they land in the order given.
      void files
        .slice(0, MAX_AT_ONCE)
        .reduce<Promise<void>>(
          (before, file) => before.then(() => store(() => importPictureFile(file), at)),
          Promise.resolve(),
        )
    },
    [note, store],
  )
  const takeFromHtml = useCallback(
    (html: string) => {
      // An inert document: nothing in it loads or runs.
      const doc = new DOMParser().parseFromString(html, 'text/html')
      // A Copydesk figure in the paste is kept as the figure it is (keepPastedFigures).
      const sources = [...doc.querySelectorAll('img')]
        .filter((img) => !img.closest('figure[data-type="picture"]'))
        .map((img) => img.getAttribute('src') ?? '')
      const found = sources.slice(0, MAX_AT_ONCE).map(pastedPictureSource)
      const dropped =
        found.filter((p) => p.kind === 'dropped').length + (sources.length - found.length)
      if (dropped > 0)
        note(
          `${dropped === 1 ? 'A picture was' : `${dropped} pictures were`} left out of the paste: only pictures inside the copied page or at https addresses can be added.`,
        )
      for (const picture of found)
        if (picture.kind === 'data')
          void store(async () => {
            const { picture: stored } = await api.importPicture({
              name: picture.name,
              data: picture.base64,
            })
            return stored
          })
      setQueue((all) => [...all, ...found.flatMap((p) => (p.kind === 'https' ? [p.url] : []))])
    },
    [note, store],
  )
  const asking = queue[0] ?? null
  const answer = useCallback(
    (download: boolean) => {
      const url = queue[0]
      setQueue((all) => all.slice(1))
      if (url && download) void store(async () => (await api.downloadPicture({ url })).picture)
    },
    [queue, store],
  )
  const dismissNotes = useCallback(() => setNotes([]), [])
  return useMemo(
    () => ({ busy, notes, asking, insertFiles, takeFromHtml, answer, dismissNotes }),
    [busy, notes, asking, insertFiles, takeFromHtml, answer, dismissNotes],
  )
}
