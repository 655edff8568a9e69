import { createContext, useContext } from 'react'

/**
 * Why the data folder is read-only (the store's words), or null when it can be written: the app
 * provides it from appInfo, and every control that would write reads it to turn itself off.
 */
export const ReadOnlyReason = createContext<string | null>(null)

export function useReadOnlyReason(): string | null {
  return useContext(ReadOnlyReason)
}

/** What a control that would write says when it is off: one line, for its tooltip and description. */
export function readOnlyHint(reason: string): string {
  return `Read-only data folder: nothing can be saved. ${reason}`
}
