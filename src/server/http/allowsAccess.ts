import type { AccountRole } from '../../shared/desk/AccountRole'
import type { DeskAccess } from '../../shared/desk/DeskCallDeclaration'

const RANK: Record<AccountRole, number> = { writer: 0, 'desk-chief': 1, 'desk-admin': 2 }

/** Whether an account of `role` may make a call of `access`: a desk admin passes a desk chief's door. */
export function allowsAccess(access: DeskAccess, role: AccountRole): boolean {
  if (access === 'public' || access === 'signed-in') return true
  return RANK[role] >= RANK[access]
}
