import type { FsOp } from './fsTrace'
import { percentile } from './benchTable'
import type { WindowTrace } from './syncWorkstationProcess'

/** One probe as both workstations saw it: A's save, the desk calls, B's write (machine times). */
export type ProbeTrace = {
  index: number
  start: number
  saved: number
  end: number
  a: WindowTrace
  b: WindowTrace
}

/** The stages of a probe and, inside its two local writes, the steps (ms). */
export type ProbeStages = {
  total: number
  local: number
  push: number
  heard: number
  fetch: number
  write: number
  steps: Record<string, number>
}

/** What a file's path is to the store: the article being written, the queue's journal, the index... */
export function fileKind(path: string): string {
  if (/[/\\]articles[/\\]\.[^/\\]+\.tmp$/.test(path)) return 'article temp file'
  if (/[/\\]articles$/.test(path)) return 'articles folder'
  if (/[/\\]articles[/\\][^/\\]+\.json$/.test(path)) return 'article file'
  if (/[/\\]queue\.\d+\.jsonl$/.test(path)) return 'queue journal'
  if (/queue\.json/.test(path)) return 'queue snapshot'
  if (/index\.json/.test(path)) return 'article index'
  if (/cursor/.test(path)) return 'sync cursor'
  if (/[/\\]sync$/.test(path)) return 'sync folder'
  if (/search/i.test(path)) return 'search index'
  if (/history/.test(path)) return 'history'
  return path.split(/[/\\]/).slice(-2).join('/')
}

const sum = (ops: FsOp[]) => ops.reduce((total, op) => total + (op.end - op.start), 0)

/**
 * The steps of one local write between `from` and `to`: the wait for the story's turn, the read
 * in the article's turn, the temp file written, its fsync, the rename and the folder's fsync, and
 * (on A) the queue journal's append and fdatasync beside them.
 */
function writeSteps(trace: WindowTrace, from: number, to: number): Record<string, number> {
  const marks = trace.marks.filter((m) => m.at >= from && m.at <= to)
  const at = (what: string) => marks.find((m) => m.what === what)?.at
  const turn = at('turn') ?? from
  const change = at('change') ?? turn
  const written = at('written') ?? to
  const ops = trace.ops.filter((op) => op.start >= change && op.start <= written)
  const temp = ops.filter((op) => fileKind(op.path) === 'article temp file')
  const journal = trace.ops.filter(
    (op) => op.start >= from && op.start <= to && fileKind(op.path) === 'queue journal',
  )
  return {
    'story turn': turn - from,
    'article turn + read': change - turn,
    'article reads': sum(
      trace.ops.filter(
        (op) => op.start >= turn && op.end <= change && fileKind(op.path) === 'article file',
      ),
    ),
    'temp file written': sum(temp.filter((op) => op.op === 'open' || op.op === 'writeFile')),
    fsync: sum(temp.filter((op) => op.op === 'sync')),
    rename: sum(ops.filter((op) => op.op === 'rename')),
    'folder fsync': sum(ops.filter((op) => fileKind(op.path) === 'articles folder')),
    'after the write': to - written,
    'journal append': sum(journal.filter((op) => op.op === 'write')),
    'journal fdatasync': sum(journal.filter((op) => op.op === 'datasync')),
  }
}

/** A probe's stages, from A's and B's traces; null when a desk call is missing from them. */
export function stagesOf(probe: ProbeTrace): ProbeStages | null {
  const push = probe.a.calls.find((c) => c.name === '/v1/stories/save' && c.start >= probe.saved)
  const fetched = probe.b.calls
    .filter((c) => c.name === '/v1/stories/story' && c.end <= probe.end)
    .at(-1)
  if (!push || !fetched) return null
  const steps: Record<string, number> = {}
  for (const [step, value] of Object.entries(writeSteps(probe.a, probe.start, probe.saved)))
    steps[`A ${step}`] = value
  for (const [step, value] of Object.entries(writeSteps(probe.b, fetched.end, probe.end)))
    if (!step.startsWith('journal')) steps[`B ${step}`] = value
  return {
    total: probe.end - probe.start,
    local: probe.saved - probe.start,
    push: push.end - probe.saved,
    heard: fetched.start - push.end,
    fetch: fetched.end - fetched.start,
    write: probe.end - fetched.end,
    steps,
  }
}

/** Background writes (the index, the queue's snapshot, the cursor...) of either process during the probe. */
export function backgroundWrites(probe: ProbeTrace): string[] {
  const spans = new Map<string, { start: number; end: number }>()
  for (const [who, trace] of [['A', probe.a] as const, ['B', probe.b] as const])
    for (const op of trace.ops) {
      const kind = fileKind(op.path)
      if (['article temp file', 'articles folder', 'article file', 'queue journal'].includes(kind))
        continue
      if (op.end < probe.start || op.start > probe.end) continue
      const key = `${who} ${kind}`
      const span = spans.get(key) ?? { start: op.start, end: op.end }
      spans.set(key, { start: Math.min(span.start, op.start), end: Math.max(span.end, op.end) })
    }
  return [...spans].map(
    ([key, span]) =>
      `${key} ${(span.start - probe.start).toFixed(0)}–${(span.end - probe.start).toFixed(0)} ms`,
  )
}

/** One line per probe: its stages, the steps of its local writes over 1 ms, the writes beside it. */
export function describeProbe(probe: ProbeTrace): string {
  const stages = stagesOf(probe)
  if (!stages)
    return `probe ${probe.index}: ${(probe.end - probe.start).toFixed(1)} ms (calls missing)`
  const steps = Object.entries(stages.steps)
    .filter(([, value]) => value >= 1)
    .map(([step, value]) => `${step} ${value.toFixed(1)}`)
    .join(', ')
  const beside = backgroundWrites(probe)
  return `probe ${probe.index}: ${stages.total.toFixed(1)} ms = local ${stages.local.toFixed(1)} + push ${stages.push.toFixed(1)} + heard ${stages.heard.toFixed(1)} + fetch ${stages.fetch.toFixed(1)} + write ${stages.write.toFixed(1)}; steps: ${steps}; beside: ${beside.length > 0 ? beside.join(', ') : 'nothing'}`
}

/**
 * The steps' medians among the slowest tenth of the probes and among the rest, and how many of each
 * had the article index written beside them: which wait makes the tail.
 */
export function tailSummary(probes: ProbeTrace[]): string {
  const timed = probes.flatMap((probe) => {
    const stages = stagesOf(probe)
    return stages ? [{ probe, stages }] : []
  })
  const cut = percentile(
    timed.map((t) => t.stages.total),
    90,
  )
  const slow = timed.filter((t) => t.stages.total >= cut)
  const rest = timed.filter((t) => t.stages.total < cut)
  const withIndex = (group: typeof timed) =>
    group.filter((t) => backgroundWrites(t.probe).some((w) => w.includes('article index'))).length
  const steps = Object.keys(timed[0]?.stages.steps ?? {})
  const median = (group: typeof timed, step: string) =>
    percentile(
      group.map((t) => t.stages.steps[step] ?? 0),
      50,
    )
  const moved = steps
    .map((step) => ({ step, slow: median(slow, step), rest: median(rest, step) }))
    .filter((s) => s.slow >= 2 || s.rest >= 2)
    .map((s) => `${s.step} ${s.slow.toFixed(1)} (${s.rest.toFixed(1)})`)
    .join(', ')
  return `The slowest tenth (${slow.length} probes, ${cut.toFixed(0)} ms and over), step medians in ms (the other probes' in brackets): ${moved}. An article index was written beside ${withIndex(slow)} of the ${slow.length} slow probes and ${withIndex(rest)} of the other ${rest.length}.`
}
