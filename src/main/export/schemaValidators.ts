import { createRequire } from 'node:module'
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import publishSchema from '../../../resources/copydesk-publish-2.schema.json'
import ninjsSchema from '../../../resources/ninjs-schema_3.1.json'

export type SchemaProblem = { path: string; message: string }

const requireJson = createRequire(import.meta.url)
let compiled: { publish: ValidateFunction; ninjs: ValidateFunction } | undefined

/**
 * Both export schemas, compiled once. The ninjs schema refers to GeoJSON by URL; nothing is fetched:
 * the geojson-schema package's copy is registered under that URL (with the draft-07 meta-schema it needs).
 */
function validators(): { publish: ValidateFunction; ninjs: ValidateFunction } {
  if (compiled) return compiled
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addMetaSchema(requireJson('ajv/dist/refs/json-schema-draft-07.json'))
  ajv.addSchema(
    requireJson('geojson-schema/GeoJSON.json'),
    'https://geojson.org/schema/GeoJSON.json',
  )
  compiled = { publish: ajv.compile(publishSchema), ninjs: ajv.compile(ninjsSchema) }
  return compiled
}

/** Problems with `data` against the schema of `format`; empty when it is valid. */
export function validateExport(format: 'copydesk' | 'ninjs', data: unknown): SchemaProblem[] {
  const validate = validators()[format === 'copydesk' ? 'publish' : 'ninjs']
  if (validate(data)) return []
  return simplify(validate.errors ?? [])
}

/** One line per failing place, skipping the noise oneOf/if branches add. */
function simplify(errors: ErrorObject[]): SchemaProblem[] {
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
