import type { DeskCallGroup } from '../DeskCallDeclaration'

/** The change feed and the server's health (filled by the transport slice of issue 14). */
export const deskFeedCalls = {} satisfies DeskCallGroup
