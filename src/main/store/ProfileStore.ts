import { join } from 'node:path'
import { z } from 'zod'
import { Profile } from '../../shared/domain/Profile'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { JsonDocument } from './JsonDocument'
import type { Quarantine } from './Quarantine'

const ProfileFile = z.object({ profile: Profile.nullable() })
type ProfileFile = z.infer<typeof ProfileFile>

/** Who is at this workstation (profile.json); null until the first start asks. */
export class ProfileStore {
  private constructor(
    private readonly doc: JsonDocument<ProfileFile>,
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
    const doc = await JsonDocument.open({
      path: join(dataDir, 'profile.json'),
      what: 'profile file',
      parse: (d) => ProfileFile.parse(d),
      defaults: () => ({ profile: null }),
      quarantine,
      access,
    })
    return new ProfileStore(doc, access, reader)
  }

  get(): Profile | null {
    return this.doc.data.profile ?? (this.access.readOnly ? this.reader() : null)
  }

  async set(profile: Profile): Promise<Profile> {
    const parsed = Profile.parse(profile)
    await this.doc.save({ profile: parsed })
    return parsed
  }
}
