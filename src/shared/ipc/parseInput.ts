import type { z } from 'zod'
import { AppError } from './AppError'
import { contract, type InputOf, type MethodName } from './contract'

/** The contract's input schemas, typed per method, so a parse by method name keeps its type. */
const INPUTS: { [M in MethodName]: { input: z.ZodType<InputOf<M>> } } = contract

/**
 * Checks `raw` (from a command line, a file, a page) against `method`'s input schema. Throws the
 * same INVALID_INPUT refusal main gives, naming the fields that are wrong.
 */
export function parseInput<M extends MethodName>(method: M, raw: unknown): InputOf<M> {
  const parsed = INPUTS[method].input.safeParse(raw)
  if (!parsed.success) throw invalidInput(method, parsed.error)
  return parsed.data
}

/** INVALID_INPUT for `method`, with the first few problems in the message and all in the details. */
export function invalidInput(method: string, error: z.ZodError): AppError {
  const issues = error.issues.map(
    (issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`,
  )
  return new AppError(
    'INVALID_INPUT',
    `Invalid ${method} request: ${issues.slice(0, 5).join('; ')}`,
    { issues },
  )
}
