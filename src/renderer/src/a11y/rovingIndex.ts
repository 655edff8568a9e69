/**
 * Where an arrow, Home or End key moves within a row of `count` items (the WAI-ARIA toolbar and
 * tabs patterns): arrows wrap around, Home and End go to the ends. Null for any other key.
 */
export function rovingIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count
    case 'ArrowLeft':
      return (current - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
