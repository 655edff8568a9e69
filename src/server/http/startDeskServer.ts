import { createHash, randomUUID } from 'node:crypto'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { DESK_STREAM_KEEPALIVE_SECONDS } from '../../shared/desk/calls/deskFeedCalls'
import { DESK_MEDIA_MAX_BYTES } from '../../shared/desk/calls/deskMediaCalls'
import type { DeskAccess } from '../../shared/desk/DeskCallDeclaration'
import { deskContract, type DeskContract } from '../../shared/desk/deskContract'
import {
  DESK_ERROR_STATUS,
  DeskError,
  type DeskErrorBody,
  type DeskErrorCode,
} from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import type { Authenticate, Principal } from '../Principal'
import { RENDITIONS_PATH, type ServedRendition } from '../media/RenditionLinks'
import { allowsAccess } from './allowsAccess'
import { describeFailure, type DeskLog, type DeskLogLine } from './DeskLog'
import { deskRoutes, DeskOutputMismatch, type DeskRoute } from './deskRoutes'
import { isDatabaseUnavailable } from './isDatabaseUnavailable'
import { readRequestBody } from './readRequestBody'
import { RecentKeys } from './RecentKeys'
import { MAX_KEYS, TokenBuckets, type BucketRate } from './TokenBuckets'

/** Every handler of the desk API: the account, story and feed groups together. */
export type DeskHandlers = DeskGroupHandlers<DeskContract>

export type DeskServerLimits = {
  /** A request body past this is refused 413 without reading the rest. */
  maxBodyBytes: number
  /** The same for a call that carries a picture (`media` in its declaration), base64 included. */
  maxMediaBodyBytes: number
  /** Time for a client to send its request headers. */
  headersTimeoutMs: number
  /** Time for a client to send its whole request (headers and body); a long poll's wait is not counted. */
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  maxConnections: number
  /**
   * Requests per client address (the proxy's X-Forwarded-For client with `trustProxy`) that no
   * device token vouches for: public calls, sign-in, requests without a token and with a token
   * this desk refuses. A signed-in device's requests count against its token only, so a newsroom's
   * workstations behind one NAT address are not throttled as one client.
   */
  perAddress: BucketRate
  /** Requests per bearer token. */
  perToken: BucketRate
  /**
   * Request bodies this process holds in memory at once, in bytes, counting each body being read at
   * its Content-Length (or its call's limit when chunked). A POST that would pass it is answered 503
   * UNAVAILABLE with Retry-After before any of its body is read.
   */
  maxBufferedBodyBytes: number
  /**
   * Bodies of public calls (sign-in) being read at once from one client address; one more is
   * answered 429 with Retry-After unread. Sign-in bodies are small and arrive at once, so only a
   * client that stalls them reaches this.
   */
  publicBodiesPerAddress: number
  /**
   * A stream (a followed feed) checks its device's token again this often, and sends a blank line
   * when it has sent nothing since the last check, so clients and proxies see it is alive.
   */
  streamKeepAliveMs: number
  /** A stream whose client has not read this many bytes of it is ended: it follows again from its cursor. */
  maxStreamBacklogBytes: number
}

export const DEFAULT_DESK_LIMITS: DeskServerLimits = {
  maxBodyBytes: 8 * 1024 * 1024,
  // The largest picture the desk takes, base64-encoded, and the JSON around it.
  maxMediaBodyBytes: Math.ceil(DESK_MEDIA_MAX_BYTES / 3) * 4 + 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_096,
  // A newsroom behind one NAT address is many workstations: the address limit is the wide one.
  perAddress: { burst: 1_000, perSecond: 200 },
  perToken: { burst: 120, perSecond: 20 },
  // Two of the largest pictures being read at once, or many stories.
  maxBufferedBodyBytes: 288 * 1024 * 1024,
  publicBodiesPerAddress: 8,
  streamKeepAliveMs: DESK_STREAM_KEEPALIVE_SECONDS * 1000,
  maxStreamBacklogBytes: 1024 * 1024,
}

export type DeskServerOptions = {
  handlers: DeskHandlers
  authenticate: Authenticate
  /** Null when the server can take work (database answers, schema current), else why not. */
  ready: () => Promise<string | null>
  log: DeskLog
  clock: Clock
  /** GET /v1/renditions/<id>?key=…: a rendition for a webhook's link, without an account. */
  serveRendition?: (id: string, key: string) => Promise<ServedRendition | null>
  host?: string
  /** 0 (the default) takes any free port. */
  port?: number
  /** PEM certificate chain and key: HTTPS instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null
  limits?: Partial<DeskServerLimits>
  /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry. */
  trustProxy?: boolean
}

export type DeskServer = {
  /** e.g. http://127.0.0.1:4780 */
  url: string
  host: string
  port: number
  /** Stops accepting, ends long polls, waits (briefly) for requests in flight, closes connections. */
  close: () => Promise<void>
  /** Body bytes reserved for the requests being read now (see maxBufferedBodyBytes). */
  bufferedBodyBytes: () => number
}

/** How long close() lets requests in flight finish before cutting their connections. */
const DRAIN_MS = 5_000

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
}

/**
 * The desk API over HTTP(S): one route per call of deskContract (method and path from its
 * declaration), plus GET /healthz and GET /readyz for load balancers. No CORS: a browser's request
 * (it carries Origin) and every preflight are refused, and no Access-Control header is ever sent.
 * The only state is in memory and per process (rate limits, requests in flight), so several
 * servers can run on one database.
 */
export async function startDeskServer(options: DeskServerOptions): Promise<DeskServer> {
  const limits = { ...DEFAULT_DESK_LIMITS, ...options.limits }
  const routes = deskRoutes(deskContract, options.handlers)
  const byPath = new Map<string, DeskRoute[]>()
  const mediaPaths = new Set<string>(routes.filter((r) => r.call.media).map((r) => r.call.path))
  for (const route of routes)
    byPath.set(route.call.path, [...(byPath.get(route.call.path) ?? []), route])
  const addressBuckets = new TokenBuckets(limits.perAddress, options.clock)
  const tokenBuckets = new TokenBuckets(limits.perToken, options.clock)
  /** Tokens that signed in through this process: they pass an address a flood of bad tokens used up. */
  const knownTokens = new RecentKeys(MAX_KEYS)
  const inFlight = new Map<AbortController, ServerResponse>()
  let draining = false
  let bufferedBodyBytes = 0
  const publicBodies = new Map<string, number>()

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now()
    const requestId = randomUUID()
    const path = pathOf(req.url)
    const controller = new AbortController()
    inFlight.set(controller, res)
    const line: Partial<DeskLogLine> = {}
    res.on('close', () => {
      inFlight.delete(controller)
      // The client went away before its answer: a parked feed request stops waiting.
      if (!res.writableFinished) controller.abort()
      options.log({
        time: options.clock.now().toISOString(),
        level: res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        event: 'request',
        requestId,
        method: req.method ?? '',
        path: path ?? '(malformed)',
        status: res.writableFinished ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...line,
        ...(sentCodes.has(res) ? { code: sentCodes.get(res) } : {}),
      })
    })
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    res.setHeader('x-request-id', requestId)
    const abort = () => controller.abort()
    handle(req, res, { requestId, path, signal: controller.signal, abort, line }).catch(
      (error: unknown) => {
        options.log({
          time: options.clock.now().toISOString(),
          level: 'error',
          event: 'request-failed',
          requestId,
          error: describeFailure(error),
        })
        if (!res.headersSent) sendError(req, res, internal(requestId))
        else res.destroy()
      },
    )
  }

  type Request = {
    requestId: string
    path: string | null
    signal: AbortSignal
    /** Ends the request's handler early (a stream whose token stopped counting). */
    abort: () => void
    line: Partial<DeskLogLine>
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    request: Request,
  ): Promise<void> {
    const address = clientAddress(req, options.trustProxy === true)
    const addressKey = `address:${address}`
    const token = bearerToken(req.headers.authorization)
    const tokenKey =
      token === null ? null : `token:${createHash('sha256').update(token).digest('hex')}`
    // A device this process has signed in counts against its token; any other request (no token,
    // an unknown or refused one) against its address, so a flood of made-up tokens is refused
    // before it reaches the database while the known devices behind that address go on.
    const known = tokenKey !== null && knownTokens.has(tokenKey)
    const firstWait =
      known && tokenKey !== null ? tokenBuckets.take(tokenKey) : addressBuckets.take(addressKey)
    if (firstWait !== null) return sendError(req, res, rateLimited(firstWait))
    if (draining)
      return sendError(req, res, new DeskError('UNAVAILABLE', 'This desk server is stopping.'))
    // Fetched by the CMS a webhook named it to (or a reader's browser, for an <img>): no account.
    if (request.path?.startsWith(RENDITIONS_PATH) && options.serveRendition)
      return rendition(req, res, request.path, options.serveRendition)
    if (req.method === 'OPTIONS' || req.headers.origin !== undefined)
      return sendError(
        req,
        res,
        new DeskError(
          'FORBIDDEN',
          'Browsers may not call the desk API: it allows no cross-origin requests (no CORS). Use the Copydesk app or CLI.',
        ),
      )
    // Refused before routing or signing in: a body announced too large is never read.
    const largestBody =
      request.path !== null && mediaPaths.has(request.path)
        ? Math.max(limits.maxBodyBytes, limits.maxMediaBodyBytes)
        : limits.maxBodyBytes
    if (Number(req.headers['content-length'] ?? 0) > largestBody)
      return sendError(req, res, tooLarge(largestBody))
    const { path } = request
    if (path === null)
      return sendError(req, res, new DeskError('INVALID_INPUT', 'Malformed request address.'))
    if (path === '/healthz' || path === '/readyz') return health(req, res, path)

    const candidates = byPath.get(path)
    if (!candidates)
      return sendError(req, res, new DeskError('NOT_FOUND', `No desk call at ${path}.`))
    const route = candidates.find((candidate) => candidate.call.method === req.method)
    if (!route) {
      const allowed = candidates.map((candidate) => candidate.call.method).join(', ')
      res.setHeader('allow', allowed)
      return sendError(
        req,
        res,
        new DeskError(
          'INVALID_INPUT',
          `${path} takes ${allowed}, not ${req.method ?? 'no method'}.`,
        ),
        405,
      )
    }
    request.line.call = route.name

    let principal: Principal | null = null
    if (route.call.access === 'public' && known) {
      // Sign-in counts against the address whoever sends it.
      const addressWait = addressBuckets.take(addressKey)
      if (addressWait !== null) return sendError(req, res, rateLimited(addressWait))
    }
    if (route.call.access !== 'public') {
      if (token === null || tokenKey === null)
        return sendError(
          req,
          res,
          new DeskError(
            'UNAUTHENTICATED',
            req.headers.authorization === undefined
              ? `${route.name} needs a signed-in device: send its token as "Authorization: Bearer <token>".`
              : 'The Authorization header is not "Bearer <token>".',
          ),
        )
      const tokenWait = known ? null : tokenBuckets.take(tokenKey)
      if (tokenWait !== null) return sendError(req, res, rateLimited(tokenWait))
      try {
        principal = await options.authenticate(token)
        knownTokens.add(tokenKey)
      } catch (error) {
        // Sign-in's refusals (UNAUTHENTICATED, or whatever it declares) are not the call's.
        if (error instanceof DeskError) {
          knownTokens.delete(tokenKey)
          return sendError(req, res, error)
        }
        options.log({
          time: options.clock.now().toISOString(),
          level: 'error',
          event: isDatabaseUnavailable(error) ? 'database-unavailable' : 'authenticate-failed',
          requestId: request.requestId,
          call: route.name,
          error: describeFailure(error),
        })
        return sendError(
          req,
          res,
          isDatabaseUnavailable(error) ? databaseUnavailable() : internal(request.requestId),
        )
      }
      request.line.accountId = principal.accountId
      if (!allowsAccess(route.call.access, principal.role))
        return sendError(
          req,
          res,
          new DeskError(
            'FORBIDDEN',
            `${route.name} is for ${accessName(route.call.access)}; this account is a ${principal.role}.`,
          ),
        )
    }

    let raw: unknown
    if (route.call.method === 'GET') raw = Object.fromEntries(queryEntries(req.url ?? ''))
    else {
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
        return sendError(
          req,
          res,
          new DeskError(
            'INVALID_INPUT',
            `${route.name} takes a JSON body: send "Content-Type: application/json".`,
          ),
          415,
        )
      const maxBytes = Math.min(
        route.call.media ? limits.maxMediaBodyBytes : limits.maxBodyBytes,
        route.call.maxBodyBytes ?? Infinity,
      )
      const announced = Number(req.headers['content-length'] ?? Number.NaN)
      if (announced > maxBytes) return sendError(req, res, tooLarge(maxBytes))
      // The worst this body can cost is reserved before a byte of it is read, so bodies that
      // stall mid-way cannot together hold more than the process allows.
      const reserved = Number.isFinite(announced) ? announced : maxBytes
      if (bufferedBodyBytes + reserved > limits.maxBufferedBodyBytes)
        return sendError(
          req,
          res,
          new DeskError(
            'UNAVAILABLE',
            'This desk server is reading too many requests; try again shortly.',
            {
              retryAfterSeconds: 1,
            },
          ),
        )
      const publicKey = route.call.access === 'public' ? address : null
      if (publicKey !== null) {
        const reading = publicBodies.get(publicKey) ?? 0
        if (reading >= limits.publicBodiesPerAddress) return sendError(req, res, rateLimited(1))
        publicBodies.set(publicKey, reading + 1)
      }
      bufferedBodyBytes += reserved
      let body: Buffer | 'too-large'
      try {
        body = await readRequestBody(req, maxBytes)
      } finally {
        bufferedBodyBytes -= reserved
        if (publicKey !== null) {
          const reading = (publicBodies.get(publicKey) ?? 1) - 1
          if (reading === 0) publicBodies.delete(publicKey)
          else publicBodies.set(publicKey, reading)
        }
      }
      if (body === 'too-large') return sendError(req, res, tooLarge(maxBytes))
      try {
        raw = JSON.parse(body.toString('utf8'))
      } catch {
        return sendError(
          req,
          res,
          new DeskError('INVALID_INPUT', 'The request body is not valid JSON.'),
        )
      }
    }

    const context: DeskCallContext = {
      principal,
      requestId: request.requestId,
      remoteAddress: address,
      signal: request.signal,
    }
    let outcome
    try {
      outcome = await route.run(raw, context)
    } catch (error) {
      return sendError(req, res, failureOf(error, route, request))
    }
    if (outcome.invalid) return sendError(req, res, outcome.invalid)
    if (res.destroyed) return
    if ('stream' in outcome) {
      // A stream call is signed-in: it has its token.
      if (token !== null) await runStream(req, res, request, route, outcome.stream, token)
      return
    }
    send(req, res, 200, outcome.output)
  }

  /**
   * Runs a stream call's handler, sending each event as one line of JSON on a chunked answer. The
   * token is checked again every streamKeepAliveMs: a device signed out, revoked or disabled
   * meanwhile gets a last error line and the stream ends, as its next request would be refused.
   */
  async function runStream(
    req: IncomingMessage,
    res: ServerResponse,
    request: Request,
    route: DeskRoute,
    stream: (send: (line: string) => Promise<void>) => Promise<void>,
    token: string,
  ): Promise<void> {
    let started = false
    let lastWrite = performance.now()
    let ending: DeskError | null = null
    const end = (error: DeskError) => {
      ending ??= error
      request.abort()
    }
    /** A client that does not read would hold the lines in this process's memory: cut it off (it follows again from the last seq it read). */
    const cutOff = (why: string) => {
      request.line.code = 'UNAVAILABLE'
      end(new DeskError('UNAVAILABLE', why))
      res.destroy()
    }
    /** Resolves once the client can take more: at once, or when what waits for it has drained. */
    const write = (text: string): Promise<void> => {
      if (res.destroyed || res.writableEnded || ending !== null) return Promise.resolve()
      if (!started) {
        started = true
        res.writeHead(200, {
          'content-type': 'application/x-ndjson; charset=utf-8',
          // nginx would otherwise hold the lines back until its buffer fills.
          'x-accel-buffering': 'no',
        })
      }
      const flowing = res.write(text)
      lastWrite = performance.now()
      if (res.writableLength > limits.maxStreamBacklogBytes) {
        cutOff('This stream fell behind: its client is not reading.')
        return Promise.resolve()
      }
      if (flowing) return Promise.resolve()
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
    // What still waited for the client at the last keep-alive: not less by the next one (a laptop
    // gone to sleep, a client that stopped reading) and the stream is cut off, freeing its slot.
    let waitingAtLastTick = 0
    const keepAlive = setInterval(() => {
      const waiting = res.writableLength
      if (waiting > 0 && waitingAtLastTick > 0 && waiting >= waitingAtLastTick)
        return cutOff('This stream stopped moving: its client read nothing for a whole keep-alive.')
      waitingAtLastTick = waiting
      void options.authenticate(token).then(
        () => {
          if (performance.now() - lastWrite >= limits.streamKeepAliveMs / 2) void write('\n')
        },
        (error: unknown) => {
          // The database gone for a moment ends nothing: the feed waits for it as well.
          if (error instanceof DeskError) end(error)
        },
      )
    }, limits.streamKeepAliveMs)
    try {
      await stream(write)
    } catch (error) {
      ending ??= failureOf(error, route, request)
    } finally {
      clearInterval(keepAlive)
    }
    if (res.destroyed) return
    if (!started) {
      if (ending !== null) return sendError(req, res, ending)
      // Ended before its first line (the server stops): an empty stream, which the client follows again.
      void write('')
    }
    if (ending !== null) {
      const { code, message, details } = ending
      request.line.code = code
      res.write(
        `${JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } })}\n`,
      )
    }
    res.end()
  }

  async function health(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET')
      return sendError(req, res, new DeskError('INVALID_INPUT', `${path} takes GET.`), 405)
    }
    if (path === '/healthz') return send(req, res, 200, { status: 'ok' })
    const notReady = draining
      ? 'the server is stopping'
      : await options
          .ready()
          .catch((error: unknown) => `the readiness check failed: ${firstLine(error)}`)
    if (notReady !== null)
      return sendError(req, res, new DeskError('UNAVAILABLE', `Not ready: ${notReady}.`))
    send(req, res, 200, { status: 'ready' })
  }

  /** A handler's or authenticate's throw as the answer; anything but a DeskError is logged, not shown. */
  function failureOf(error: unknown, route: DeskRoute, request: Request): DeskError {
    const log = (event: string, message: string, failure?: unknown) =>
      options.log({
        time: options.clock.now().toISOString(),
        level: 'error',
        event,
        requestId: request.requestId,
        call: route.name,
        message,
        ...(failure === undefined ? {} : { error: describeFailure(failure) }),
      })
    if (error instanceof DeskError) {
      const declared = route.call.errors[error.code]
      // A token can be revoked (or its account disabled) while its request runs: every call that
      // needs a signed-in device may answer UNAUTHENTICATED without declaring it.
      const signedOutMidway = error.code === 'UNAUTHENTICATED' && route.call.access !== 'public'
      if (declared === undefined && !signedOutMidway) {
        log(
          'undeclared-error-code',
          `${route.name} threw ${error.code}, which its declaration does not list: a server bug`,
        )
      } else if (
        declared !== undefined &&
        error.details !== undefined &&
        !declared.safeParse(error.details).success
      ) {
        log(
          'undeclared-error-details',
          `${route.name} threw ${error.code} with details its declaration refuses: a server bug; details dropped`,
        )
        return new DeskError(error.code, error.message)
      }
      return error
    }
    if (isDatabaseUnavailable(error)) {
      log('database-unavailable', `${route.name} could not reach the database`, error)
      return databaseUnavailable()
    }
    log(
      error instanceof DeskOutputMismatch ? 'output-mismatch' : 'handler-failed',
      `${route.name} failed`,
      error,
    )
    return internal(request.requestId)
  }

  // Node checks the header and request timeouts on this interval (30 s unless told): a slow client
  // would otherwise hold its connection up to 30 s past them.
  const timing = { connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs) }
  const server = options.tls
    ? createHttpsServer({ ...timing, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(timing, onRequest)
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = limits.requestTimeoutMs
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  server.maxConnections = limits.maxConnections
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address: AddressInfo | string | null = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | null = null
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    host,
    port,
    bufferedBodyBytes: () => bufferedBodyBytes,
    close: () =>
      (closing ??= (async () => {
        draining = true
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const [controller, res] of inFlight) {
          // Their answers end their connections: a client must not reuse one to a stopped server.
          if (!res.headersSent) res.setHeader('connection', 'close')
          controller.abort()
        }
        server.closeIdleConnections()
        const drained = waitUntil(() => inFlight.size === 0, DRAIN_MS)
        await drained
        server.closeAllConnections()
        await closed
      })()),
  }
}

/** The code each refusal was sent with, for its request's log line. */
const sentCodes = new WeakMap<ServerResponse, DeskErrorCode>()

/** A refusal as the desk's JSON error body, with the status of its code (or the one given). */
function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  error: DeskError,
  status?: number,
): void {
  if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
    const wait = retryAfterOf(error.details)
    if (wait !== null) res.setHeader('retry-after', String(wait))
  }
  sentCodes.set(res, error.code)
  const body: DeskErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  }
  send(req, res, status ?? DESK_ERROR_STATUS[error.code], body)
}

function send(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return
  const body = JSON.stringify(value)
  // A body that has not all arrived (refused early, or too large) must not be taken for the next
  // request: the connection ends with this answer. A request without a body keeps its connection.
  const unfinished = hasBody(req) && !req.complete
  if (unfinished) res.setHeader('connection', 'close')
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body, () => {
    if (unfinished) req.socket.destroySoon()
  })
}

function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  )
}

function internal(requestId: string): DeskError {
  return new DeskError(
    'INTERNAL',
    `The desk server failed on this request; its log names it ${requestId}.`,
    { requestId },
  )
}

function databaseUnavailable(): DeskError {
  return new DeskError('UNAVAILABLE', 'The desk’s database is not answering; try again shortly.', {
    retryAfterSeconds: 5,
  })
}

function tooLarge(maxBytes: number): DeskError {
  return new DeskError('TOO_LARGE', `The request body is over ${maxBytes} bytes.`, { maxBytes })
}

function rateLimited(retryAfterSeconds: number): DeskError {
  return new DeskError('RATE_LIMITED', `Too many requests: try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  })
}

function retryAfterOf(details: unknown): number | null {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details))
    return null
  const { retryAfterSeconds } = details
  return typeof retryAfterSeconds === 'number' ? retryAfterSeconds : null
}

function accessName(access: DeskAccess): string {
  return access === 'desk-admin'
    ? 'desk admins'
    : access === 'desk-chief'
      ? 'desk chiefs'
      : 'signed-in accounts'
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * One rendition by its id and capability (see RenditionLinks), GET or HEAD. Everything it does not
 * serve (a wrong or forged key, an original, a file the desk lacks) is the same 404. The file is
 * named by its content, so it may be cached for good.
 */
async function rendition(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  serve: NonNullable<DeskServerOptions['serveRendition']>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD')
    return sendError(req, res, new DeskError('INVALID_INPUT', `${path} takes GET or HEAD.`), 405)
  }
  const key = new URL(req.url ?? '/', 'http://desk.invalid').searchParams.get('key') ?? ''
  // pathOf has checked the whole path decodes.
  const found = await serve(decodeURIComponent(path.slice(RENDITIONS_PATH.length)), key)
  if (found === null)
    return sendError(req, res, new DeskError('NOT_FOUND', 'No such picture at this address.'))
  res.writeHead(200, {
    'content-type': found.contentType,
    'content-length': String(found.data.length),
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  })
  res.end(req.method === 'HEAD' ? undefined : found.data)
}

/** The request's path, or null when it is not one (an absolute-form target, a broken %-escape). */
function pathOf(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null
  try {
    const path = new URL(target, 'http://desk.invalid').pathname
    decodeURIComponent(path)
    return path
  } catch {
    return null
  }
}

function queryEntries(target: string): [string, string | string[]][] {
  const params = new URL(target, 'http://desk.invalid').searchParams
  return [...new Set(params.keys())].map((key) => {
    const values = params.getAll(key)
    return [key, values.length === 1 ? (values[0] ?? '') : values]
  })
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? 'unknown'
  if (!trustProxy) return direct
  const forwarded = req.headers['x-forwarded-for']
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .at(-1)
    ?.trim()
  return last || direct
}

function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now()
    const check = () => {
      if (done() || performance.now() - started >= timeoutMs) resolve()
      else setTimeout(check, 20)
    }
    check()
  })
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
