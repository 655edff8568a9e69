import { protocol } from 'electron'
import { answerAppRequest } from '../app/answerAppRequest'
import { APP_SCHEME } from '../app/appPage'

/**
 * Declares app:// before the app is ready (Electron allows it only then, and only once).
 * `standard` gives the page an origin (app://copydesk) so relative URLs, module scripts and
 * localStorage work as on http; `secure` makes it a secure context; `supportFetchAPI` lets the page
 * fetch its own files. Not `corsEnabled` (it would let other origins read the files) nor `bypassCSP`.
 */
export function declareAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Serves app://copydesk/ from the built renderer, through the same handler as the browser host. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rendererDir, request))
}
