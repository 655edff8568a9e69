/**
 * The IPC channels between the preload and main. Kept free of zod and of the contract so the
 * sandboxed preload bundle stays tiny: every call travels on one channel as (method, input), and
 * main checks the method against the contract.
 */
export const CALL_CHANNEL = 'copydesk:call'

/** Commands the native menu sends to the focused window. */
export const MENU_COMMANDS = ['new', 'import', 'save', 'close', 'settings'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
export const MENU_CHANNEL = 'copydesk:menu'

/** Main tells a window that files the system asked Copydesk to open are waiting (no payload). */
export const OPENED_FILES_CHANNEL = 'copydesk:opened-files'
/** The window takes the waiting files (invoke); each is handed over once. */
export const TAKE_OPENED_FILES_CHANNEL = 'copydesk:take-opened-files'

/**
 * A file opened from the system (a double-click, `Copydesk story.ninjs.json`, a second start, macOS
 * open-file), read by main: its name and text for the import review, or why it could not be read.
 */
export type OpenedFile = { name: string; content: string } | { name: string; error: string }
