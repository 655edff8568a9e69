import { APP_PAGE_URL } from './appPage'

export type PageChoice = {
  /** What the window loads. */
  url: string
  /** Why ELECTRON_RENDERER_URL was set and not used, for the log. */
  ignored?: string
}

/**
 * The page the window loads: the built renderer from app://copydesk/, except in a development build
 * (`app.isPackaged` false) whose ELECTRON_RENDERER_URL names a dev server on this machine. A
 * packaged Copydesk never loads another page, whatever its environment says: that page would get
 * the window's whole API.
 */
export function choosePageUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): PageChoice {
  const devUrl = env['ELECTRON_RENDERER_URL']
  if (!devUrl) return { url: APP_PAGE_URL }
  if (isPackaged)
    return {
      url: APP_PAGE_URL,
      ignored: 'ELECTRON_RENDERER_URL is ignored: an installed Copydesk loads only its own page.',
    }
  if (!isLocalHttp(devUrl))
    return {
      url: APP_PAGE_URL,
      ignored: `ELECTRON_RENDERER_URL (${devUrl}) is ignored: a dev server must be http(s) on this machine (localhost, 127.0.0.1 or [::1]).`,
    }
  return { url: devUrl }
}

function isLocalHttp(text: string): boolean {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) &&
    url.username === '' &&
    url.password === ''
  )
}
