import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import publishSchema from '../../resources/copydesk-publish-2.1.schema.json'

export type SchemaProblem = { path: string; message: string }

let compiled: ValidateFunction | undefined

/**
 * Problems with `data` against the Copydesk publish schema (format 2.1); empty when it is valid.
 * Every export and every webhook document, from the workstation or the desk server, is checked
 * with it before it leaves.
 */
export function validatePublishJson(data: unknown): SchemaProblem[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats(ajv)
    compiled = ajv.compile(publishSchema)
  }
  if (compiled(data)) return []
  return schemaProblems(compiled.errors ?? [])
}

/** One line per failing place, skipping the noise oneOf/if branches add. */
export function schemaProblems(errors: ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>()
  const problems: SchemaProblem[] = []
  for (const error of errors) {
    if (['oneOf', 'anyOf', 'if', 'not'].includes(error.keyword) && errors.length > 1) continue
    const path = error.instancePath || '/'
    const message =
      error.keyword === 'additionalProperties'
        ? `has an unknown property "${String(error.params['additionalProperty'])}"`
        : (error.message ?? 'is invalid')
    const key = `${path} ${message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ path, message })
  }
  return problems
}
