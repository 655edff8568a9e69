import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request } from 'node:https'
import { BlockList, isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { AppError } from '../../shared/ipc/AppError'

/** Addresses a picture is never fetched from: this machine, the local network, and the like. */
export function privateAddresses(): BlockList {
  const list = new BlockList()
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(net, prefix, 'ipv4')
  for (const [net, prefix] of [
    ['::', 127],
    ['::ffff:0:0', 96],
    ['64:ff9b::', 96],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(net, prefix, 'ipv6')
  return list
}

export type DownloadOptions = {
  /** The desk's byte limit: a longer answer is cut off and refused. */
  maxBytes: number
  /** For the whole download, redirects included. */
  timeoutMs: number
  /** Addresses refused (tests pass an empty list to reach their own server). */
  blocked?: BlockList
  /** Extra certificate authorities (tests' own). */
  ca?: string | Buffer
}

const MAX_REDIRECTS = 3

/**
 * A picture's bytes from an https address, only on the desk's say-so: never http, data: or file:,
 * never an address on this machine or the local network (checked on the address actually
 * connected to, redirects included, so a name that resolves inward is refused too), within a time
 * limit and the desk's byte limit. The bytes are checked as a picture afterwards, like a file's.
 */
export async function downloadPicture(href: string, options: DownloadOptions): Promise<Uint8Array> {
  const blocked = options.blocked ?? privateAddresses()
  const signal = AbortSignal.timeout(options.timeoutMs)
  let url = httpsUrl(href)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const answer = await get(url, blocked, signal, options).catch((error: unknown) => {
      if (error instanceof AppError) throw error
      if (signal.aborted)
        throw new AppError(
          'IO',
          `The picture at ${url.href} did not arrive within ${(options.timeoutMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s.`,
        )
      throw new AppError(
        'IO',
        `The picture at ${url.href} could not be downloaded: ${reason(error)}.`,
      )
    })
    const status = answer.statusCode ?? 0
    const location = answer.headers.location
    if (status >= 300 && status < 400 && location) {
      answer.resume()
      url = httpsUrl(new URL(location, url).href)
      continue
    }
    if (status < 200 || status >= 300) {
      answer.resume()
      throw new AppError(
        'IO',
        `The picture at ${url.href} could not be downloaded: the server answered ${status}.`,
      )
    }
    return await readBody(answer, url, options.maxBytes, signal)
  }
  throw new AppError('IO', `The picture at ${href} redirects more than ${MAX_REDIRECTS} times.`)
}

function httpsUrl(href: string): URL {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    throw new AppError('INVALID_INPUT', `“${href.slice(0, 200)}” is not a web address.`)
  }
  if (url.protocol !== 'https:')
    throw new AppError(
      'INVALID_INPUT',
      `Pictures are downloaded over https only: “${href.slice(0, 200)}” is ${url.protocol.replace(':', '')}.`,
    )
  if (url.username || url.password)
    throw new AppError(
      'INVALID_INPUT',
      'A picture address with a user name or password is not downloaded.',
    )
  return url
}

function get(
  url: URL,
  blocked: BlockList,
  signal: AbortSignal,
  options: DownloadOptions,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) refuseIfBlocked(host, blocked, url)
  return new Promise((resolve, reject) => {
    const req = request(url, {
      signal,
      headers: { accept: 'image/*' },
      ...(options.ca ? { ca: options.ca } : {}),
      // Every address a name resolves to is checked before connecting: no rebinding inward.
      lookup: (hostname, lookupOptions, callback) => {
        dnsLookup(
          hostname,
          { ...lookupOptions, all: true },
          (error, addresses: LookupAddress[]) => {
            if (error) return callback(error, '', 0)
            try {
              for (const a of addresses) refuseIfBlocked(a.address, blocked, url)
            } catch (refusal) {
              return callback(
                refusal instanceof Error ? refusal : new Error(String(refusal)),
                '',
                0,
              )
            }
            if (lookupOptions.all) return callback(null, addresses)
            const [first] = addresses
            return first
              ? callback(null, first.address, first.family)
              : callback(new Error('no address'), '', 0)
          },
        )
      },
    })
    req.on('response', resolve)
    req.on('error', reject)
    req.end()
  })
}

function refuseIfBlocked(address: string, blocked: BlockList, url: URL): void {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
  if (blocked.check(address, family))
    throw new AppError(
      'INVALID_INPUT',
      `${url.hostname} is an address on this machine or the local network (${address}): pictures are downloaded only from the web.`,
    )
}

async function readBody(
  answer: IncomingMessage,
  url: URL,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const tooBig = () =>
    new AppError(
      'INVALID_INPUT',
      `The picture at ${url.href} is larger than the desk's limit of ${Math.round(maxBytes / 1_000_000)} MB; it was not taken.`,
    )
  const declared = Number(answer.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    answer.destroy()
    throw tooBig()
  }
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of answer) {
      const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      total += part.length
      if (total > maxBytes) {
        answer.destroy()
        throw tooBig()
      }
      chunks.push(part)
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'IO',
      signal.aborted
        ? `The picture at ${url.href} did not arrive in time.`
        : `The picture at ${url.href} was cut off: ${reason(error)}.`,
    )
  }
  return new Uint8Array(Buffer.concat(chunks))
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
