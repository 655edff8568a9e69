import { openWorkstation, type Workstation } from '../../src/main/openWorkstation'
import type { SyncDesk } from './syncDesk'
import { until } from './syncWorkstation'
import { tempDir } from './tempDir'

/**
 * A workstation as the browser host opens it (syncing and running its outbox in the background),
 * joined to `desk` as a new account with `role`, once it is online. The caller closes `opened` and
 * removes `folders` after its tests.
 */
export async function joinedWorkstation(
  desk: SyncDesk,
  role: 'writer' | 'desk-chief',
  name: string,
  keep: { opened: Workstation[]; folders: (() => Promise<void>)[] },
): Promise<Workstation> {
  const dir = await tempDir('copydesk-desk-ws-')
  keep.folders.push(dir.cleanup)
  const ws = await openWorkstation({
    dataDir: dir.path,
    host: 'web',
    version: 'test',
    runSync: true,
    runOutbox: true,
    syncRetry: { firstMs: 20, maxMs: 200 },
  })
  keep.opened.push(ws)
  await ws.client.joinDesk({ url: desk.url, ...(await desk.account(role, name)) })
  await until(async () => (await ws.client.watchSync({ after: 0 })).status?.connection === 'online')
  return ws
}
