import { EntityUri, type Entity } from '../domain/Article'

type Json = Record<string, unknown>

const KINDS: [Entity['kind'], string[]][] = [
  ['place', ['places', 'place']],
  ['person', ['people', 'person']],
  ['organisation', ['organisations', 'organisation', 'organizations']],
]

/**
 * The feed's places, people, organisations and coded subjects as article entities, with their
 * URIs (Wikidata, cv.iptc.org) and relations as given; subjects with no code and `keywords` are free
 * tags. A URI that is not one (a space in it) is dropped and said, never stored.
 */
export function readNinjsEntities(data: Json): {
  entities: Entity[]
  tags: string[]
  notes: string[]
} {
  const entities: Entity[] = []
  const tags: string[] = []
  const notes: string[] = []
  for (const [kind, keys] of KINDS)
    for (const item of keys.flatMap((key) => list(data[key]))) {
      const entity = toEntity(kind, item, notes)
      if (entity) entities.push(entity)
    }
  for (const item of [...list(data['subjects']), ...list(data['subject'])]) {
    const name = text(item['name'])
    const literal = text(item['literal']) || text(item['code']) || text(item['qcode'])
    const coded = text(item['uri']) || (literal && literal !== name)
    if (!coded) {
      if (name || literal) tags.push(name || literal)
      continue
    }
    const entity = toEntity('subject', item, notes)
    if (entity) entities.push(entity)
  }
  if (Array.isArray(data['keywords']))
    for (const k of data['keywords']) if (text(k)) tags.push(text(k))
  return { entities: dedupe(entities), tags: [...new Set(tags)], notes }
}

function toEntity(kind: Entity['kind'], item: Json, notes: string[]): Entity | null {
  const literal = text(item['literal']) || text(item['code']) || text(item['qcode'])
  const name = text(item['name']) || literal
  if (!name) return null
  const rawUri = text(item['uri'])
  const uri = rawUri && EntityUri.safeParse(rawUri).success ? rawUri : undefined
  if (rawUri && !uri)
    notes.push(
      `The ${kind} “${name}” has a URI that is not one (“${rawUri.slice(0, 80)}”); the URI was left out.`,
    )
  const rel = text(item['rel'])
  const entity: Entity = { kind, name }
  if (uri) entity.uri = uri
  if (rel) entity.rel = rel
  if (literal && literal !== name) entity.code = literal
  return entity
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

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}
