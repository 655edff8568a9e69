import type { IncomingMessage } from 'node:http'

/**
 * The request's body, or 'too-large' as soon as it passes `maxBytes` (by its Content-Length before
 * reading anything, or while reading a chunked body). Past the limit the rest is never read; the
 * caller answers and closes the connection. Rejects when the client goes away mid-body.
 */
export function readRequestBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too-large')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onFailure)
      req.off('close', onFailure)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        cleanup()
        req.pause()
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(chunks))
    }
    const onFailure = () => {
      cleanup()
      reject(new Error('The client went away while sending its request body'))
    }
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', onFailure)
    req.once('close', onFailure)
  })
}
