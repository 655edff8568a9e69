import type { SaveState } from './SaveState'

/** A save state as far as its meaning goes: a conflict's stored article does not matter here. */
type Said = Exclude<SaveState, { kind: 'conflict' }> | { kind: 'conflict' }

/**
 * What a save state means to someone who cannot see the indicator: "Saved", or not saved and why.
 * Unsaved and saving mean nothing new (typing makes them come and go every few seconds), so they
 * keep the meaning before them; a retry countdown is no part of the meaning.
 */
export function saveMeaning(state: Said, previous: string): string {
  switch (state.kind) {
    case 'saved':
      return 'Saved'
    case 'failed':
      return `Not saved: ${state.reason}`
    case 'conflict':
      return 'Not saved: changed elsewhere'
    case 'unsaved':
    case 'saving':
      return previous
  }
}

/**
 * The words to announce when the save state moves from one meaning to another, or null: said
 * once per change ("Not saved: The disk is full", then "Saved" when it lands), never per tick.
 */
export function saveAnnouncement(
  previous: string,
  state: Said,
): { meaning: string; say: string | null } {
  const meaning = saveMeaning(state, previous)
  return { meaning, say: meaning === previous ? null : meaning }
}
