import { useEffect } from 'react'

const APP = 'Copydesk'
/** Long enough to tell stories apart in a taskbar or window switcher, short enough to fit one. */
const MAX_SUBJECT = 40

/**
 * The window title for a screen or story: "India, Japan forge stronger… — Copydesk", or just
 * "Copydesk". A long subject is cut at a word boundary where there is one, and says it was cut.
 */
export function documentTitle(subject: string | null): string {
  const text = (subject ?? '').replace(/\s+/g, ' ').trim()
  if (!text) return APP
  if (text.length <= MAX_SUBJECT) return `${text} — ${APP}`
  const cut = text.slice(0, MAX_SUBJECT)
  const lastSpace = cut.lastIndexOf(' ')
  const short = (lastSpace > MAX_SUBJECT / 2 ? cut.slice(0, lastSpace) : cut).replace(
    /[\s,;:.·–—-]+$/,
    '',
  )
  return `${short}… — ${APP}`
}

/**
 * Names the window after what is on screen (Electron shows `document.title` as the window title);
 * when the screen goes, the title goes back to "Copydesk".
 */
export function useDocumentTitle(subject: string | null): void {
  const title = documentTitle(subject)
  useEffect(() => {
    document.title = title
  }, [title])
  useEffect(
    () => () => {
      document.title = APP
    },
    [],
  )
}
