import { Profile } from '../../domain/Profile'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { ReadOnlyDetails } from './commonErrors'

/** Who is at this workstation, and as what role. */
export const profileCalls = {
  getProfile: { input: NoInput, output: Profile.nullable(), errors: {}, writes: false },
  setProfile: {
    input: Profile,
    output: Profile,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
} satisfies CallGroup
