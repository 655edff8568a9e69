/** The embargo as an ISO time, said in the review; a time that cannot be read is said too. */
export function readEmbargo(value: string, messages: string[], now: Date): string | null {
  if (!value) return null
  const time = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`)
  if (Number.isNaN(time)) {
    messages.unshift(
      `EMBARGOED: the agency's embargo “${value.slice(0, 60)}” could not be read; check it before publishing.`,
    )
    return null
  }
  const iso = new Date(time).toISOString()
  if (time <= now.getTime()) {
    messages.push(`The agency's embargo (${iso.replace('T', ' ').slice(0, 16)} UTC) has passed.`)
    return iso
  }
  messages.unshift(
    `EMBARGOED until ${iso.replace('T', ' ').slice(0, 16)} UTC: the story cannot be submitted before then.`,
  )
  return iso
}

/** The story's own date: the feed's creation time, never the day of the import. */
export function storyDate(
  value: string,
  now: Date,
): {
  iso: string | null
  day: string | null
  reference: Date
} {
  const time = Date.parse(value)
  if (!value || Number.isNaN(time)) return { iso: null, day: null, reference: now }
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`
  const iso = new Date(Date.parse(withZone)).toISOString()
  return {
    iso,
    day: /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? iso.slice(0, 10),
    reference: new Date(time),
  }
}
