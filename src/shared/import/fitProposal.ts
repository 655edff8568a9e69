import {
  EditableFields,
  Entity,
  EntityUri,
  FeedItem,
  HttpUrl,
  LanguageTag,
} from '../domain/Article'
import { UNPLACED_TEXT_MAX, type ImportProposal } from './ImportProposal'

/**
 * Makes a proposal fit the article's limits, saying what was cut and why, so a feed that breaks a
 * limit (a 700-character headline, a 300-character source name, a URI with a space in it) is
 * trimmed or flagged in the review instead of failing the whole import.
 */
export function fitProposal(proposal: ImportProposal): ImportProposal {
  const messages = [...proposal.messages]
  const f = structuredClone(proposal.fields)
  const cut = (label: string, value: string, max: number): string => {
    if (value.length <= max) return value
    messages.push(`${label} was ${value.length} characters; cut to ${max}, the limit.`)
    return clip(value, max)
  }
  f.headline = cut('The headline', f.headline, 500)
  f.deck = cut('The deck', f.deck, 1000)
  f.summary = cut('The summary', f.summary, 5000)
  f.keyPoints.title = cut('The key points title', f.keyPoints.title, 300)
  f.keyPoints.items = f.keyPoints.items
    .slice(0, 20)
    .map((item, i) => cut(`Key point ${i + 1}`, item, 500))
  f.dateline.place = cut('The dateline place', f.dateline.place, 120)
  f.byline = f.byline
    .map((name) => cut(`The byline “${clip(name, 40)}”`, name, 200))
    .filter((n) => n.trim())
    .slice(0, 20)
  f.credit = cut('The credit', f.credit, 200)
  f.sources = f.sources.slice(0, 100).flatMap((source) => {
    const name = cut(`The source name “${clip(source.name, 40)}”`, source.name.trim(), 300)
    if (!name) return []
    if (source.url && !HttpUrl.safeParse(source.url).success) {
      messages.push(
        `The link of source “${clip(name, 40)}” (“${clip(source.url, 60)}”) is not an http(s) link; it was left out.`,
      )
      return [{ name }]
    }
    return [source.url ? { name, url: source.url } : { name }]
  })
  f.tags = [
    ...new Set(
      f.tags.map((tag) => cut(`The tag “${clip(tag, 30)}”`, tag.trim(), 80)).filter(Boolean),
    ),
  ].slice(0, 50)
  f.entities = f.entities.slice(0, 200).flatMap((entity) => {
    const fixed: Entity = {
      ...entity,
      name: cut(`The ${entity.kind} “${clip(entity.name, 40)}”`, entity.name.trim(), 300),
    }
    if (fixed.uri && !EntityUri.safeParse(fixed.uri).success) {
      messages.push(
        `The ${entity.kind} “${clip(fixed.name, 40)}” has a URI that is not one (“${clip(fixed.uri, 60)}”); the URI was left out.`,
      )
      delete fixed.uri
    }
    if (fixed.rel) fixed.rel = clip(fixed.rel, 100)
    if (fixed.code) fixed.code = clip(fixed.code, 100)
    return Entity.safeParse(fixed).success ? [fixed] : []
  })
  if (!LanguageTag.safeParse(f.language).success) {
    messages.push(
      `The language “${clip(f.language, 40)}” is not a BCP 47 tag; the desk's default applies.`,
    )
    f.language = ''
  }
  if (f.contentCreated && !EditableFields.shape.contentCreated.safeParse(f.contentCreated).success)
    f.contentCreated = null
  f.copyrightHolder = cut('The copyright holder', f.copyrightHolder, 300)
  f.copyrightNotice = cut('The copyright notice', f.copyrightNotice, 1000)
  if (f.feedItem && !FeedItem.safeParse(f.feedItem).success) f.feedItem = null
  const unplaced = proposal.unplaced.map((item) => ({
    ...item,
    text: cut('A not-placed item', item.text, UNPLACED_TEXT_MAX),
    image: item.image ? clip(item.image, 1000) : undefined,
    credit: item.credit ? clip(item.credit, 300) : undefined,
  }))
  const kill = proposal.kill
    ? {
        reason: clip(proposal.kill.reason, 2000),
        uri: proposal.kill.uri ? clip(proposal.kill.uri, 1000) : undefined,
        headline: proposal.kill.headline ? clip(proposal.kill.headline, 500) : undefined,
      }
    : null
  return { ...proposal, fields: f, messages, unplaced, kill }
}

/**
 * `text` cut to `max` characters, at a word where one is near, with an ellipsis; never inside a
 * character written with two UTF-16 units (an emoji, a rare Han character).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1
  const head = text.slice(0, end)
  const space = head.lastIndexOf(' ')
  return `${(space > max * 0.8 ? head.slice(0, space) : head).trimEnd()}…`
}
