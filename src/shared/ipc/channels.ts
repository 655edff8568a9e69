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
