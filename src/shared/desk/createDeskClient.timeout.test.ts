import { createServer, type ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHungDesk, type HungDesk } from '../../../tests/support/hungDesk'
import { createDeskClient } from './createDeskClient'
import { DeskError } from './DeskError'

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

describe('the desk client and a desk that takes a request and never answers (a real hung server)', () => {
  let hung: HungDesk
  beforeAll(async () => {
    hung = await startHungDesk()
    // The first fetch of a process loads its HTTP client: done here, so the calls below are sent
    // well within their short limits.
    hung.mode = 'headers-then-stall'
    const warm = new AbortController()
    await fetch(hung.url, { signal: warm.signal })
    warm.abort()
  })
  afterEach(() => {
    hung.mode = 'silent'
  })
  afterAll(async () => {
    await hung.close()
  })

  function client(timeouts: Parameters<typeof createDeskClient>[0]['timeouts']) {
    return createDeskClient({ baseUrl: hung.url, fetch, token: () => 'token', timeouts })
  }

  it('gives up an ordinary call after its limit as a desk that did not answer, like a refused connection (bug: every desk call but the feed waited for ever)', async () => {
    const error = await refusal(
      client({ callMs: 300 }).addNote({
        id: '0b6f3f7e-1b6a-4c52-9d3a-7a2b9f0c1d2e',
        body: 'Photos to follow',
      }),
    )
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: `The desk at ${hung.url} did not answer addNote within 0.3 s.`,
      details: { unanswered: true },
    })
  })

  it('gives up an answer whose headers came and whose body stalled', async () => {
    hung.mode = 'headers-then-stall'
    const error = await refusal(client({ callMs: 100, slowCallMs: 150 }).listStories({}))
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: `The desk at ${hung.url} did not answer listStories within 0.15 s.`,
      details: { unanswered: true },
    })
  })

  it('gives up a feed stream whose first line never comes (its silence limit), as a desk that did not answer', async () => {
    const error = await refusal(
      client({ streamSilenceMs: 100 }).followChanges({ since: 0 }, { onEvent: () => {} }),
    )
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: `The desk at ${hung.url} did not answer followChanges within 0.1 s.`,
      details: { unanswered: true },
    })
  })

  it('a caller’s own limit for one call wins, and the caller giving up is still its own reason', async () => {
    const patient = client({ callMs: 60_000 })
    const error = await refusal(patient.getDesk({}, { timeoutMs: 50 }))
    expect(error.message).toBe(`The desk at ${hung.url} did not answer getDesk within 0.05 s.`)
    const stop = new AbortController()
    const given = patient.getDesk({}, { signal: stop.signal }).catch((e: unknown) => e)
    stop.abort(new Error('sync stopped'))
    expect(await given).toEqual(new Error('sync stopped'))
  })
})

describe('the desk client waits longer for a call declared slow (a page of the first sync)', () => {
  const waiting: ServerResponse[] = []
  const desk = createServer((req, res) => {
    if (req.url?.startsWith('/v1/stories')) waiting.push(res)
  })
  let url = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => desk.listen(0, '127.0.0.1', resolve))
    const address = desk.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  })
  afterAll(async () => {
    desk.closeAllConnections()
    await new Promise((resolve) => desk.close(resolve))
  })

  it('answers a listStories that came after an ordinary call’s limit had passed', async () => {
    const client = createDeskClient({
      baseUrl: url,
      fetch,
      token: () => 'token',
      timeouts: { callMs: 50, slowCallMs: 60_000 },
    })
    const page = client.listStories({ limit: 2 })
    // The same wait, for an ordinary call, is over: getDesk is never answered here.
    expect((await refusal(client.getDesk({}))).details).toEqual({ unanswered: true })
    await new Promise<void>((resolve) => {
      const check = () => (waiting.length > 0 ? resolve() : setTimeout(check, 5))
      check()
    })
    waiting[0]
      ?.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ stories: [], next: null, seq: 7 }))
    expect(await page).toEqual({ stories: [], next: null, seq: 7 })
  })
})
