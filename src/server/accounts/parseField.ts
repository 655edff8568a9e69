import type { z } from 'zod'
import { DeskError } from '../../shared/desk/DeskError'

/** `value` parsed by the contract's own schema, or INVALID_INPUT naming the field and the rule. */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : field
  throw new DeskError('INVALID_INPUT', `${where}: ${issue?.message ?? 'not valid'}`, {
    field: where,
  })
}
