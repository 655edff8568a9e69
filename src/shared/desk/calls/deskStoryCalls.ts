import type { DeskCallGroup } from '../DeskCallDeclaration'

/** Stories, revisions, notes, the workflow and edit leases (filled by the stories slice of issue 14). */
export const deskStoryCalls = {} satisfies DeskCallGroup
