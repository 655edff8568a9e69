import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { Profile } from '../../shared/domain/Profile'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'

const ProfileFile = z.object({ profile: Profile.nullable() })
type ProfileFile = z.infer<typeof ProfileFile>

/** Who is at this workstation (profile.json); null until the first start asks. */
export class ProfileStore {
  private constructor(private readonly db: Low<ProfileFile>) {}

  static async open(dataDir: string, quarantine: Quarantine): Promise<ProfileStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'profile.json'),
      (d) => ProfileFile.parse(d),
      'profile file',
    )
    const db = new Low<ProfileFile>(adapter, { profile: null })
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      await quarantine.add(error.path, error.reason)
    }
    return new ProfileStore(db)
  }

  get(): Profile | null {
    return this.db.data.profile
  }

  async set(profile: Profile): Promise<Profile> {
    this.db.data = { profile: Profile.parse(profile) }
    await this.db.write()
    return this.db.data.profile ?? profile
  }
}
