/**
 * Where focus goes when the next article editor mounts: its headline (a new article) or its status
 * (after a workflow action, or a story opened from a list), with what to announce. The editor
 * remounts on every state change, so the request has to outlive the component that makes it.
 */
export type FocusRequest = { target: 'headline' | 'status'; announcement?: string }

let pending: FocusRequest | null = null

export function requestFocus(request: FocusRequest): void {
  pending = request
}

/** Hands the request to the editor that mounts, once. */
export function takeFocusRequest(): FocusRequest | null {
  const request = pending
  pending = null
  return request
}
