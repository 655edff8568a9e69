import { z } from 'zod'
import type { Role } from '../domain/Profile'

/** An account's role on a desk server: the workstation's two, plus the one who manages accounts. */
export const AccountRole = z.enum(['writer', 'desk-chief', 'desk-admin'])
export type AccountRole = z.infer<typeof AccountRole>

/** The role the workflow table knows: a desk admin acts on stories as a desk chief. */
export function workflowRole(role: AccountRole): Role {
  return role === 'writer' ? 'writer' : 'desk-chief'
}

/** How a role reads in the app. */
export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  writer: 'Writer',
  'desk-chief': 'Desk chief',
  'desk-admin': 'Desk admin',
}
