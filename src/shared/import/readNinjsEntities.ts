import type { Entity } from '../domain/Article'
import { asUri } from '../domain/asUri'
import { objectsOf, stringOf, type JsonObject } from './JsonObject'

const KINDS: [Entity['kind'], string[]][] = [
  ['place', ['places', 'place']],
  ['person', ['people', 'person']],
  ['organisation', ['organisations', 'organisation', 'organizations']],
]
/**
 * AP's relations that are not the story's own: an `ancestor` is a broader term AP's tagger
 * inferred (California above San Diego), a `category` AP's one-letter service code.
 */
const INFERRED_RELS = new Set(['ancestor', 'category'])

/**
 * The feed's places, people, organisations and coded subjects as article entities, with their
 * URIs (Wikidata, cv.iptc.org, AP's scheme + code) and relations as given; subjects with a name
 * only and `keywords` are free tags. An IRI is kept as its URI; what cannot be made a URI is
 * dropped and said, never stored. AP's inferred ancestors and categories are left out.
 */
export function readNinjsEntities(data: JsonObject): {
  entities: Entity[]
  tags: string[]
  notes: string[]
} {
  const entities: Entity[] = []
  const tags: string[] = []
  const notes: string[] = []
  let inferred = 0
  const read = (kind: Entity['kind'], item: JsonObject) => {
    if (relsOf(item).some((rel) => INFERRED_RELS.has(rel))) {
      inferred += 1
      return
    }
    const entity = toEntity(kind, item, notes)
    if (entity) entities.push(entity)
  }
  for (const [kind, keys] of KINDS)
    for (const item of keys.flatMap((key) => objectsOf(data[key]))) read(kind, item)
  for (const item of [...objectsOf(data['subjects']), ...objectsOf(data['subject'])]) {
    const name = stringOf(item['name'])
    const literal = codeOf(item)
    const coded = stringOf(item['uri']) || (literal && literal !== name) || stringOf(item['rel'])
    if (!coded && !relsOf(item).some((rel) => INFERRED_RELS.has(rel))) {
      if (name || literal) tags.push(name || literal)
      continue
    }
    read('subject', item)
  }
  if (Array.isArray(data['keywords']))
    for (const k of data['keywords']) if (stringOf(k)) tags.push(stringOf(k))
  if (inferred > 0)
    notes.push(
      `Left out ${inferred} broader terms and categories the agency's tagger added (rels “ancestor”, “category”).`,
    )
  return { entities: dedupe(entities), tags: [...new Set(tags)], notes }
}

function toEntity(kind: Entity['kind'], item: JsonObject, notes: string[]): Entity | null {
  const literal = codeOf(item)
  const name = stringOf(item['name']) || literal
  if (!name) return null
  const scheme = stringOf(item['scheme'])
  const rawUri =
    stringOf(item['uri']) ||
    (literal && /^https?:\/\/\S+[/#]$/i.test(scheme) ? scheme + literal : '')
  const uri = rawUri ? asUri(rawUri) : null
  if (rawUri && !uri)
    notes.push(
      `The ${kind} “${name}” has a URI that is not one (“${rawUri.slice(0, 80)}”); the URI was left out.`,
    )
  const rel = stringOf(item['rel']) || relsOf(item).find((r) => r !== 'direct') || ''
  const entity: Entity = { kind, name }
  if (uri) entity.uri = uri
  if (rel) entity.rel = rel
  if (literal && literal !== name && !uri?.endsWith(literal)) entity.code = literal
  return entity
}

function codeOf(item: JsonObject): string {
  return stringOf(item['literal']) || stringOf(item['code']) || stringOf(item['qcode'])
}

/** AP's `rels` array, lower-cased. */
function relsOf(item: JsonObject): string[] {
  return Array.isArray(item['rels']) ? item['rels'].map((r) => stringOf(r).toLowerCase()) : []
}

function dedupe(entities: Entity[]): Entity[] {
  const seen = new Set<string>()
  return entities.filter((e) => {
    const key = `${e.kind}|${e.uri ?? e.name.toLowerCase()}|${e.rel ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
