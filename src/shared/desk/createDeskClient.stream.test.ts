import { describe, expect, it } from 'vitest'
import { createDeskClient } from './createDeskClient'
import { DeskError } from './DeskError'

/** A fetch answering with these chunks as a newline-delimited JSON stream, then `end`. */
function streamingFetch(chunks: string[], end: 'close' | 'cut' = 'close'): typeof fetch {
  return async () => {
    const encoder = new TextEncoder()
    let i = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[i]
        i += 1
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk))
        else if (end === 'close') controller.close()
        else controller.error(new TypeError('terminated'))
      },
    })
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8' },
    })
  }
}

const change = (seq: number) => ({
  seq,
  at: '2026-12-01T10:00:00.000Z',
  kind: 'story_saved',
  articleId: '0b6f3f7e-1b6a-4c52-9d3a-7a2b9f0c1d2e',
  revision: seq,
  actorId: null,
})

function follow(fetchImpl: typeof fetch) {
  const client = createDeskClient({
    baseUrl: 'http://desk.test',
    fetch: fetchImpl,
    token: () => 't',
  })
  const seqs: number[] = []
  const done = client
    .followChanges(
      { since: 0 },
      { onEvent: (page) => seqs.push(...page.changes.map((c) => c.seq)) },
    )
    .then(
      () => 'ended',
      (error: unknown) => error,
    )
  return { seqs, done }
}

describe('the desk client following a stream (followChanges)', () => {
  it('hands on each line as it is complete, across chunk boundaries, skipping keep-alive lines', async () => {
    const first = JSON.stringify({ changes: [change(1)], next: 1, last: 1 })
    const second = JSON.stringify({ changes: [change(2), change(3)], next: 3, last: 3 })
    const { seqs, done } = follow(
      streamingFetch([first.slice(0, 10), `${first.slice(10)}\n\n`, `${second}\n`, '\n']),
    )
    expect(await done).toBe('ended')
    expect(seqs).toEqual([1, 2, 3])
  })

  it('rejects with the desk’s own error when the stream ends on an error line', async () => {
    const page = JSON.stringify({ changes: [change(1)], next: 1, last: 1 })
    const error = JSON.stringify({
      error: { code: 'UNAUTHENTICATED', message: 'This device was signed out.' },
    })
    const { seqs, done } = follow(streamingFetch([`${page}\n${error}\n`]))
    const ended = await done
    expect(ended).toBeInstanceOf(DeskError)
    expect(ended).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This device was signed out.' })
    expect(seqs).toEqual([1])
  })

  it('refuses a line in a shape the contract does not know, naming the desk', async () => {
    const { done } = follow(streamingFetch(['{"changes":"all of them"}\n']))
    expect(await done).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('http://desk.test'),
    })
  })

  it('a connection cut mid-stream is UNAVAILABLE, after the lines that came', async () => {
    const page = JSON.stringify({ changes: [change(1)], next: 1, last: 1 })
    const { seqs, done } = follow(streamingFetch([`${page}\n`, '{"chan'], 'cut'))
    expect(await done).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('stopped answering'),
    })
    expect(seqs).toEqual([1])
  })
})
