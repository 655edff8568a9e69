import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { Profile } from '../../shared/domain/Profile'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'

const ProfileFile = z.object({ profile: Profile.nullable() })
type ProfileFile = z.infer<typeof ProfileFile>

/** Who is at this workstation (profile.json); null until the first start asks. */
export class ProfileStore {
  private constructor(
    private readonly db: Low<ProfileFile>,
    private readonly access: DataDirAccess,
    private readonly reader: () => Profile,
  ) {}

  /**
   * On a read-only folder that has no profile yet, `reader` stands in (a writer, named after the
   * system user), so the stories can be read without asking for a profile that cannot be saved.
   */
  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
    reader: () => Profile = () => ({ name: 'Reader', role: 'writer' }),
  ): Promise<ProfileStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'profile.json'),
      (d) => ProfileFile.parse(d),
      'profile file',
    )
    const db = new Low<ProfileFile>(adapter, { profile: null })
    try {
      await db.read()
    } catch (error) {
      if (!(await quarantine.report(error))) throw error
    }
    return new ProfileStore(db, access, reader)
  }

  get(): Profile | null {
    return this.db.data.profile ?? (this.access.readOnly ? this.reader() : null)
  }

  async set(profile: Profile): Promise<Profile> {
    assertWritable(this.access)
    this.db.data = { profile: Profile.parse(profile) }
    await this.db.write()
    return this.db.data.profile ?? profile
  }
}
