import { z } from 'zod'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import { DEVICE_COLUMNS, deviceRow, type DeviceRow } from './accountRows'
import { writeAudit } from './writeAudit'

/**
 * Signs one device out: one of the principal's own, or anyone's for a desk admin (another's device
 * is NOT_FOUND to the rest, as if it did not exist). Signing out a device already signed out
 * changes nothing.
 */
export async function revokeDeviceRow(
  db: Db,
  now: Date,
  principal: Principal,
  deviceId: string,
  action: 'sign-out' | 'device-revoked',
): Promise<DeviceRow> {
  const admin = principal.role === 'desk-admin'
  const missing = new DeskError(
    'NOT_FOUND',
    admin ? `No device ${deviceId} on this desk.` : `No device ${deviceId} among your devices.`,
  )
  if (!z.uuid().safeParse(deviceId).success) throw missing
  return db.transaction(async (tx) => {
    const [found] = await tx.query(
      `select ${DEVICE_COLUMNS} from device_tokens where id = $1 and ($2 or account_id = $3)`,
      [deviceId, admin, principal.accountId],
    )
    if (found === undefined) throw missing
    const device = deviceRow(found)
    if (device.revoked_at !== null) return device
    const [updated] = await tx.query(
      `update device_tokens set revoked_at = $2::timestamptz where id = $1 returning ${DEVICE_COLUMNS}`,
      [deviceId, now],
    )
    await writeAudit(tx, now, principal.accountId, action, {
      deviceId,
      accountId: device.account_id,
      deviceName: device.device_name,
    })
    return deviceRow(updated ?? {})
  })
}
