import { isIP } from 'node:net'
import { AppError } from '../../shared/ipc/AppError'

export type DownloadOptions = {
  /** The desk's byte limit: a longer answer is cut off and refused. */
  maxBytes: number
  timeoutMs?: number
  fetch?: typeof fetch
}

/** A picture fetched from the web, not yet checked (the importer checks its bytes). */
export type Downloaded = { data: Uint8Array; name: string }

const MAX_REDIRECTS = 5
const PRIVATE_V4 = /^(?:127\.|10\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.|0\.)/

/**
 * Downloads a picture the user agreed to fetch from a pasted page: https only (a redirect included),
 * never this machine or its network by address (redirects checked the same way, each before it is
 * followed), within the desk's byte limit (counted as it
 * arrives, whatever the server announces) and a timeout. Every refusal names the address.
 */
export async function downloadPicture(
  address: string,
  options: DownloadOptions,
): Promise<Downloaded> {
  const url = httpsUrl(address)
  const fetcher = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 20_000
  const signal = AbortSignal.timeout(timeoutMs)
  let response: Response
  let at = url
  for (let hop = 0; ; hop += 1) {
    try {
      response = await fetcher(at, {
        // Each redirect is checked like the address the user agreed to, before it is followed.
        redirect: 'manual',
        signal,
        headers: { Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif' },
      })
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      throw new AppError(
        'IO',
        timedOut
          ? `${url.host} did not send the picture within ${timeoutMs / 1000} s.`
          : `The picture at ${url.host} could not be downloaded: ${error instanceof Error ? error.message : String(error)}.`,
      )
    }
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location) break
    if (hop >= MAX_REDIRECTS)
      throw new AppError('IO', `${url.host} redirected the picture too many times.`)
    at = httpsUrl(new URL(location, at).href)
  }
  if (!response.ok)
    throw new AppError('IO', `${url.host} answered ${response.status}: no picture was downloaded.`)
  const announced = Number(response.headers.get('content-length') ?? '0')
  if (announced > options.maxBytes) throw tooBig(url, options.maxBytes)
  const data = await readCapped(response, url, options.maxBytes)
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || url.host
  return { data, name: name.slice(0, 200) }
}

function httpsUrl(address: string): URL {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new AppError('INVALID_INPUT', `“${address.slice(0, 200)}” is not a web address.`)
  }
  if (url.protocol !== 'https:')
    throw new AppError(
      'INVALID_INPUT',
      `Pictures are downloaded over https only, not ${url.protocol}.`,
    )
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    (isIP(host) === 4 && PRIVATE_V4.test(host)) ||
    (isIP(host) === 6 && /^(?:::1?|f[cd]|fe80)/i.test(host))
  )
    throw new AppError(
      'INVALID_INPUT',
      `Pictures are not downloaded from this machine or its network (${url.host}).`,
    )
  return url
}

async function readCapped(response: Response, url: URL, maxBytes: number): Promise<Uint8Array> {
  const reader = response.body?.getReader()
  if (!reader) return new Uint8Array(0)
  const parts: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel()
      throw tooBig(url, maxBytes)
    }
    parts.push(value)
  }
  const data = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    data.set(part, at)
    at += part.length
  }
  return data
}

function tooBig(url: URL, maxBytes: number): AppError {
  return new AppError(
    'INVALID_INPUT',
    `The picture at ${url.host} is over the desk's limit of ${maxBytes / 1_000_000} MB (Desk settings): it was not downloaded.`,
  )
}
