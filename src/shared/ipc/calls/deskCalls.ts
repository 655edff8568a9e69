import { z } from 'zod'
import { DeskEmail, DeskPassword } from '../../desk/calls/deskAccountCalls'
import { DeskConnection, DeskRefusalDetails, DeskStatus } from '../../desk/DeskConnection'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { ReadOnlyDetails } from './commonErrors'

export const JoinDeskInput = z.strictObject({
  /** The desk server's address, e.g. https://desk.example.org. */
  url: z.string().trim().min(1, "Give the desk's address").max(2000),
  email: DeskEmail,
  password: DeskPassword,
})
export type JoinDeskInput = z.infer<typeof JoinDeskInput>

/** What leaving did: whether the desk revoked this device's token, and what to tell the person. */
export const LeaveDeskOutput = z.object({
  left: DeskConnection,
  revoked: z.enum(['revoked', 'already-refused', 'not-reached']),
  message: z.string(),
})
export type LeaveDeskOutput = z.infer<typeof LeaveDeskOutput>

const Refused = z.union([DeskRefusalDetails, ReadOnlyDetails])

/** Joining a desk server, leaving it, and whether it still accepts this workstation. */
export const deskCalls = {
  /** Signs in to the desk: the workstation works as the desk account from then on. */
  joinDesk: {
    input: JoinDeskInput,
    output: DeskStatus,
    errors: { REFUSED: Refused },
    writes: true,
  },
  /** Signs this device out of the desk where it can be reached; the local stories stay. */
  leaveDesk: {
    input: NoInput,
    output: LeaveDeskOutput,
    errors: { REFUSED: Refused },
    writes: true,
  },
  /** The desk joined (if any) and whether it still accepts this device's token (asks it). */
  deskStatus: { input: NoInput, output: DeskStatus, errors: {}, writes: false },
} satisfies CallGroup
