/** One line of the bench table: a figure beside the baseline measured in the same run. */
export type Row = {
  measure: string
  value: string
  baseline: string
  ratio: string
  target: string
  pass: boolean | null
  note?: string
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`

/** Prints the rows as a table; notes follow it, numbered by row. */
export function printTable(rows: Row[]): void {
  console.table(
    rows.map((r) => ({
      measure: r.measure,
      value: r.value,
      baseline: r.baseline,
      ratio: r.ratio,
      target: r.target,
      pass: r.pass === null ? '' : r.pass ? 'yes' : 'NO',
    })),
  )
  rows.forEach((row, index) => {
    if (row.note) console.log(`  (${index}) ${row.note}`)
  })
}
