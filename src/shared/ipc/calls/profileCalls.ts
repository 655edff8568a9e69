import { z } from 'zod'
import { AccountRole } from '../../desk/AccountRole'
import { DeskRefusalDetails } from '../../desk/DeskConnection'
import { Profile } from '../../domain/Profile'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { ReadOnlyDetails } from './commonErrors'

/**
 * Who is at this workstation: a local profile, or (on a workstation that joined a desk) the desk
 * account, named with `desk`; its role is the workflow's (a desk admin acts as a desk chief).
 */
export const WorkstationProfile = Profile.extend({
  desk: z.object({ url: z.string(), email: z.string(), accountRole: AccountRole }).optional(),
})
export type WorkstationProfile = z.infer<typeof WorkstationProfile>

/** Who is at this workstation, and as what role. */
export const profileCalls = {
  getProfile: { input: NoInput, output: WorkstationProfile.nullable(), errors: {}, writes: false },
  setProfile: {
    input: Profile,
    output: Profile,
    /** Read-only folder, or a workstation that joined a desk (the desk account is who works here). */
    errors: { REFUSED: z.union([ReadOnlyDetails, DeskRefusalDetails]) },
    writes: true,
  },
} satisfies CallGroup
