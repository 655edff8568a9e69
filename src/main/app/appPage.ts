/** The scheme and host the desktop window's page is served from (registered in src/main/ipc/appProtocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'copydesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`
