import { join } from 'node:path'
import { z } from 'zod'
import { DeskConnection } from '../../shared/desk/DeskConnection'
import type { DataDirAccess } from '../store/DataDirAccess'
import { JsonDocument } from '../store/JsonDocument'
import type { Quarantine } from '../store/Quarantine'

const ConnectionFile = z.object({ connection: DeskConnection.nullable() })
type ConnectionFile = z.infer<typeof ConnectionFile>

/** The file name in the data folder. */
export const DESK_CONNECTION_FILE = 'desk-connection.json'

/**
 * desk-connection.json: the desk this workstation joined, or null when it stands alone. A damaged
 * file is set aside (listed for the desk) and the workstation stands alone until it joins again;
 * the stories are not in it and are never touched.
 */
export function openDeskConnectionFile(
  dataDir: string,
  quarantine: Quarantine,
  access: DataDirAccess,
): Promise<JsonDocument<ConnectionFile>> {
  return JsonDocument.open({
    path: join(dataDir, DESK_CONNECTION_FILE),
    what: 'desk connection file',
    parse: (data) => ConnectionFile.parse(data),
    defaults: () => ({ connection: null }),
    quarantine,
    access,
  })
}
