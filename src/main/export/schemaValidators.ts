import { createRequire } from 'node:module'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import ninjsSchema from '../../../resources/ninjs-schema_3.1.json'
import {
  schemaProblems,
  validatePublishJson,
  type SchemaProblem,
} from '../../cms/validatePublishJson'

export type { SchemaProblem }

const requireJson = createRequire(import.meta.url)
let ninjs: ValidateFunction | undefined

/**
 * The official ninjs schema, compiled once. It refers to GeoJSON by URL; nothing is fetched: the
 * geojson-schema package's copy is registered under that URL (with the draft-07 meta-schema it needs).
 */
function ninjsValidator(): ValidateFunction {
  if (ninjs) return ninjs
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addMetaSchema(requireJson('ajv/dist/refs/json-schema-draft-07.json'))
  ajv.addSchema(
    requireJson('geojson-schema/GeoJSON.json'),
    'https://geojson.org/schema/GeoJSON.json',
  )
  ninjs = ajv.compile(ninjsSchema)
  return ninjs
}

/** Problems with `data` against the schema of `format`; empty when it is valid. */
export function validateExport(format: 'copydesk' | 'ninjs', data: unknown): SchemaProblem[] {
  if (format === 'copydesk') return validatePublishJson(data)
  const validate = ninjsValidator()
  if (validate(data)) return []
  return schemaProblems(validate.errors ?? [])
}
