import { useEffect } from 'react'
import { announce } from './announce'
import { takeFocusRequest } from './pendingFocus'

/** The element ids an article editor gives its headline field and its status. */
export const HEADLINE_ID = 'field-headline'
export const STATUS_ID = 'story-status'

/**
 * On mount, moves focus where the last action asked (the headline or the story's status) and says
 * what happened; `describe` words the announcement when the request has none (a story opened).
 */
export function useClaimFocus(ready: boolean, describe: () => string): void {
  useEffect(() => {
    if (!ready) return
    const request = takeFocusRequest()
    if (!request) return
    const element = document.getElementById(request.target === 'headline' ? HEADLINE_ID : STATUS_ID)
    element?.focus()
    if (request.target === 'status') announce(request.announcement ?? describe())
    // Once per mount: the editor remounts for every new state of the story.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready])
}
