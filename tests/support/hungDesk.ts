import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'

/**
 * What the hung desk does with a request:
 * - `silent`: takes the connection and the request, and never answers (a stalled process);
 * - `headers-then-stall`: answers 200 and its headers and the first bytes of a body, then nothing;
 * - `swallow`: hands the request on to the real desk, which does it, and drops the answer (a
 *   connection that went half-open after the desk committed);
 * - `forward`: hands requests on and their answers back (the desk is reachable again).
 */
export type HungDeskMode = 'silent' | 'headers-then-stall' | 'swallow' | 'forward'

/**
 * A real HTTP server in front of a desk (or of nothing) that accepts requests and answers them as
 * `mode` says, for tests of what a workstation does with a desk that never answers. The requests it
 * held are cut when it closes.
 */
export async function startHungDesk(target: string | null = null) {
  let mode: HungDeskMode = 'silent'
  const received: string[] = []
  const server = createServer((req, res) => {
    received.push(`${req.method ?? ''} ${req.url ?? ''}`)
    if (mode === 'silent') return
    if (mode === 'headers-then-stall') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.write('{"stories":[')
      return
    }
    if (target === null) throw new Error('this hung desk has no desk behind it to hand requests to')
    const swallow = mode === 'swallow'
    const headers = { ...req.headers }
    delete headers.host
    const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers })
    upstream.on('response', (answer: IncomingMessage) => {
      if (swallow) {
        answer.resume()
        return
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    // A stream the client gave up on ends upstream too.
    res.on('close', () => {
      if (!swallow) upstream.destroy()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    /** Each request as it arrived: "POST /v1/stories/save". */
    received,
    set mode(next: HungDeskMode) {
      mode = next
    },
    get mode(): HungDeskMode {
      return mode
    },
    async close(): Promise<void> {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type HungDesk = Awaited<ReturnType<typeof startHungDesk>>
