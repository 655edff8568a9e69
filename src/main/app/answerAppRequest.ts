import { refusal, serveRendererFile } from '../host/serveRendererFile'
import { APP_HOST } from './appPage'

/**
 * Answers one request of the window on app://copydesk/ from the built renderer in `rendererDir`:
 * a fetch Request in, a fetch Response out, as Electron's protocol.handle wants, and plain Node
 * (Node has both classes) so it is tested without Electron. Any other host of the scheme is refused.
 */
export async function answerAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url)
  const file =
    url.host === APP_HOST
      ? await serveRendererFile(rendererDir, request.method, url.pathname)
      : refusal(404, 'Not found.')
  const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body)
  return new Response(body === '' ? null : body, { status: file.status, headers: file.headers })
}
