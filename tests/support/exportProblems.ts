import { createRequire } from 'node:module'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const requireJson = createRequire(import.meta.url)
let compiled: { copydesk: ValidateFunction; ninjs: ValidateFunction } | undefined

/**
 * The shipped schemas, compiled as the app compiles them (src/main/export/schemaValidators.ts),
 * but loaded with require: Playwright's loader cannot import JSON modules.
 */
function validators(): { copydesk: ValidateFunction; ninjs: ValidateFunction } {
  if (compiled) return compiled
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addMetaSchema(requireJson('ajv/dist/refs/json-schema-draft-07.json'))
  ajv.addSchema(
    requireJson('geojson-schema/GeoJSON.json'),
    'https://geojson.org/schema/GeoJSON.json',
  )
  compiled = {
    copydesk: ajv.compile(requireJson('../../resources/copydesk-publish-2.1.schema.json')),
    ninjs: ajv.compile(requireJson('../../resources/ninjs-schema_3.1.json')),
  }
  return compiled
}

/**
 * What is wrong with an exported file against its published schema: a `.ninjs.json` file against
 * IPTC's ninjs 3.1, any other against the Copydesk publish schema (format 2.1). Empty when valid.
 */
export function exportProblems(name: string, document: unknown): string[] {
  const validate = validators()[name.includes('.ninjs.') ? 'ninjs' : 'copydesk']
  if (validate(document)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}
