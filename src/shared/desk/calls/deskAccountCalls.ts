import type { DeskCallGroup } from '../DeskCallDeclaration'

/** Sign-in, devices and account management (filled by the accounts slice of issue 14). */
export const deskAccountCalls = {} satisfies DeskCallGroup
