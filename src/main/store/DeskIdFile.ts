import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { DataDirAccess } from './DataDirAccess'
import { isErrnoCode } from './isErrnoCode'
import { JsonDocument } from './JsonDocument'
import type { Quarantine } from './Quarantine'
import { createFileDurably } from './writeFileDurably'

const DeskFile = z.object({ deskId: z.uuid() })
type DeskFile = z.infer<typeof DeskFile>

/**
 * This data folder's desk id, in desk.json: made once, written once, never rewritten. The CMS posts
 * this desk makes carry it (their owner mark), so losing it would make every one of them no longer
 * provably ours, and the next push would make duplicates. Earlier it lived in outbox.json, which is
 * rewritten on every push: `fromOutbox` is the id found there (or in a damaged outbox.json's copy in
 * quarantine), taken over when desk.json does not exist yet.
 */
export async function openDeskId(
  dataDir: string,
  quarantine: Quarantine,
  access: DataDirAccess,
  fromOutbox: string | undefined,
): Promise<string> {
  const file = await JsonDocument.open<DeskFile | null>({
    path: join(dataDir, 'desk.json'),
    what: 'desk id file',
    parse: (data) => DeskFile.parse(data),
    defaults: () => null,
    quarantine,
    access,
  })
  if (file.data) return file.data.deskId
  const deskId = fromOutbox ?? randomUUID()
  // A read-only folder keeps the id in memory: nothing is pushed from it anyway.
  if (access.readOnly) return deskId
  try {
    await createFileDurably(file.path, JSON.stringify({ deskId }))
  } catch (error) {
    // A damaged desk.json that could not be moved aside stays, reported; this run uses the id found.
    if (!isErrnoCode(error, 'EEXIST')) throw error
  }
  return deskId
}

/** The desk id written in a damaged outbox.json, if that much of it can still be read. */
export function deskIdIn(text: string): string | undefined {
  const found = /"deskId"\s*:\s*"([^"]{36})"/.exec(text)?.[1]
  return found && z.uuid().safeParse(found).success ? found : undefined
}
