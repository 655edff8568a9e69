/** A JSON object as a feed sends it: nothing about its fields is trusted. */
export type JsonObject = Record<string, unknown>

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The objects of a JSON array; anything else in it, or a value that is no array, gives none. */
export function objectsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : []
}

/** A JSON string trimmed; '' for anything that is not a string. */
export function stringOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}
