/**
 * The int8 parser both engines use: a number, as every id and sequence here fits in 2^53. Out of
 * range throws instead of rounding, since a rounded sequence number would skip or repeat changes.
 * (Without it PGlite gives a number or a BigInt depending on size, postgres.js a string.)
 */
export function toSafeInteger(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond 2^53`)
  return value
}
