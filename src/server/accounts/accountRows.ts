import { z } from 'zod'
import { AccountRole } from '../../shared/desk/AccountRole'
import type { DeskAccount, DeskDevice } from '../../shared/desk/calls/deskAccountCalls'
import type { DbRow } from '../db/Db'

/** The account columns the API may show (never password_hash). */
export const ACCOUNT_COLUMNS = 'id, email, name, role, disabled_at, created_at, updated_at'
export const DEVICE_COLUMNS =
  'id, account_id, device_name, created_at, last_used_at, expires_at, revoked_at'

const AccountRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: AccountRole,
  disabled_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
})
export type AccountRow = z.infer<typeof AccountRow>

const DeviceRow = z.object({
  id: z.string(),
  account_id: z.string(),
  device_name: z.string(),
  created_at: z.date(),
  last_used_at: z.date().nullable(),
  expires_at: z.date(),
  revoked_at: z.date().nullable(),
})
export type DeviceRow = z.infer<typeof DeviceRow>

export function accountRow(row: DbRow): AccountRow {
  return AccountRow.parse(row)
}

export function deviceRow(row: DbRow): DeviceRow {
  return DeviceRow.parse(row)
}

export function toDeskAccount(row: AccountRow): DeskAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export function toDeskDevice(row: DeviceRow, currentDeviceId: string | null): DeskDevice {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.device_name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    current: row.id === currentDeviceId,
  }
}
