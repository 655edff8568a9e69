import type { Unplaced } from './ImportProposal'

/** "Photo: …", "Foto: …", "Bild: …", "(Photo: Reuters)", "Photo caption: …" in the languages agencies file in. */
const CAPTION =
  /^(?:photo(?:\s+caption)?|picture|image|file photo|foto(?:grafía)?|fotografia|bild|bildtext|kuva|billede|photographie|写真|图片|फ़ोटो|फोटो)\s*[:：–—-]\s*(.+)$/iu
/** A caption is a line or two; a longer paragraph that starts "Photo:" is the story's. */
const CAPTION_MAX = 400
const CREDIT_TAIL = /\s*[([]\s*(?:photo|foto|bild)?\s*:?\s*([^()[\]]{2,60}?)\s*[)\]]\s*$/iu

/** A photo caption line, kept aside with its credit so it never becomes a body paragraph. */
export function readCaption(line: string): Unplaced | null {
  const trimmed = line.trim()
  if (trimmed.length > CAPTION_MAX) return null
  const unwrapped = /^[([](.*)[)\]]$/s.exec(trimmed)?.[1] ?? trimmed
  const match = CAPTION.exec(unwrapped.trim())
  if (!match?.[1]) return null
  const text = match[1]
  const credit = CREDIT_TAIL.exec(text)
  return credit?.[1]
    ? { kind: 'caption', text: text.slice(0, credit.index).trim(), credit: credit[1].trim() }
    : { kind: 'caption', text }
}
