import { z } from 'zod'

export const Role = z.enum(['writer', 'desk-chief'])
export type Role = z.infer<typeof Role>

/** Who is at the workstation; every change is recorded under this name. */
export const Profile = z.object({
  name: z.string().trim().min(1, 'A name is needed').max(120),
  role: Role,
})
export type Profile = z.infer<typeof Profile>

export const ROLE_LABELS: Record<Role, string> = { writer: 'Writer', 'desk-chief': 'Desk chief' }
