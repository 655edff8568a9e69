import { describe, expect, it } from 'vitest'
import { isAllowedLink } from './editorExtensions'
import { BODY_LIMITS, type BodyDoc, type DocNode } from '../domain/DocNode'
import { bodySchema, checkBody, validateBody } from './validateBody'

const paragraph = (text: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
})

describe('the body schema', () => {
  it('has the nodes and marks the editor offers', () => {
    const schema = bodySchema()
    for (const node of [
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'listItem',
      'blockquote',
      'hardBreak',
    ]) {
      expect(schema.nodes[node]).toBeDefined()
    }
    for (const mark of ['bold', 'italic', 'link']) expect(schema.marks[mark]).toBeDefined()
    expect(schema.nodes['codeBlock']).toBeUndefined()
  })

  it('accepts a real body', () => {
    const body = {
      type: 'doc' as const,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Agreed' }] },
        paragraph('See the report', [
          { type: 'link', attrs: { href: 'https://example.org/report' } },
        ]),
        { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph('first')] }] },
        { type: 'blockquote', content: [paragraph('A quote', [{ type: 'italic' }])] },
      ],
    }
    expect(validateBody(body)).toEqual([])
  })

  it.each([
    ['an unknown node', { type: 'doc' as const, content: [{ type: 'script' }] }],
    ['text directly in the doc', { type: 'doc' as const, content: [{ type: 'text', text: 'x' }] }],
    [
      'a heading level the desk does not use',
      { type: 'doc' as const, content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] },
    ],
    [
      'a javascript: link',
      {
        type: 'doc' as const,
        content: [paragraph('x', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }])],
      },
    ],
    [
      'a data: link',
      {
        type: 'doc' as const,
        content: [
          paragraph('x', [{ type: 'link', attrs: { href: 'data:text/html;base64,PHNjcmlwdD4=' } }]),
        ],
      },
    ],
  ])('refuses %s', (_name, body) => {
    expect(validateBody(body).length).toBeGreaterThan(0)
  })

  it('allows only full http(s) and mailto links', () => {
    expect(isAllowedLink('https://x.org')).toBe(true)
    expect(isAllowedLink('http://x.org/a?b#c')).toBe(true)
    expect(isAllowedLink('mailto:desk@x.org')).toBe(true)
    expect(isAllowedLink('java\tscript:alert(1)')).toBe(false)
    expect(isAllowedLink('vbscript:x')).toBe(false)
  })

  // Issue 11, 3.1: relative and UNC links were stored, and only dropped at export.
  it.each([
    ['a relative path', '/news/story'],
    ['a relative file', 'story.html'],
    ['an anchor', '#top'],
    ['a protocol-relative link', '//evil.example/x'],
    ['a UNC path', '\\\\host\\share'],
    ['a web address with backslashes', 'https:\\\\host\\x'],
    ['a Windows path', 'C:\\Users\\desk'],
    ['a file: link', 'file:///etc/passwd'],
    ['a web address without a host', 'https:///x'],
    ['an empty mailto', 'mailto:'],
  ])('refuses %s', (_name, href) => {
    expect(isAllowedLink(href)).toBe(false)
    const problems = validateBody({
      type: 'doc',
      content: [paragraph('x', [{ type: 'link', attrs: { href } }])],
    })
    expect(problems.join(' ')).toMatch(
      /link that is not allowed.*full http:\/\/, https:\/\/ or mailto:/,
    )
  })
})

function nested(depth: number): BodyDoc {
  let node: DocNode = paragraph('deep')
  for (let i = 0; i < depth; i += 1) node = { type: 'blockquote', content: [node] }
  return { type: 'doc', content: [node] }
}

describe('checkBody', () => {
  // Issue 11, 3.1: such a body was accepted, then overflowed the stack when read after a restart.
  it('refuses a body nested deeper than the limit, by name, however deep', () => {
    expect(checkBody(nested(BODY_LIMITS.depth - 2)).problems).toEqual([])
    for (const depth of [BODY_LIMITS.depth + 1, 300, 200_000]) {
      expect(checkBody(nested(depth)).problems).toEqual([
        expect.stringMatching(/nested more than 64 levels deep/),
      ])
    }
  })

  it('refuses a body with too many parts or too many characters', () => {
    const many = Array.from({ length: BODY_LIMITS.parts }, () => paragraph('x'))
    expect(checkBody({ type: 'doc', content: many }).problems[0]).toMatch(/more than 100,000 parts/)
    const long = paragraph('x'.repeat(BODY_LIMITS.characters + 1))
    expect(checkBody({ type: 'doc', content: [long] }).problems[0]).toMatch(
      /longer than 5,000,000 characters/,
    )
  })

  it('refuses attributes nested deeply inside a node', () => {
    let value: unknown = 2
    for (let i = 0; i < 100_000; i += 1) value = [value]
    const body = { type: 'doc' as const, content: [{ type: 'heading', attrs: { level: value } }] }
    expect(checkBody(body).problems[0]).toMatch(/attributes nested more than 8 levels/)
  })

  // Issue 11, 3.1: attributes the schema does not know were stored verbatim.
  it('drops attributes the schema does not declare, on nodes and on marks', () => {
    const { body, problems } = checkBody({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { onclick: 'steal()' },
          content: [
            {
              type: 'text',
              text: 'report',
              marks: [{ type: 'link', attrs: { href: 'https://x.org', onmouseover: 'steal()' } }],
            },
          ],
        },
        {
          type: 'heading',
          attrs: { level: 2, style: 'x' },
          content: [{ type: 'text', text: 'H' }],
        },
      ],
    })
    expect(problems).toEqual([])
    const stored = JSON.stringify(body)
    expect(stored).not.toMatch(/onclick|onmouseover|style|steal/)
    expect(stored).toContain('"href":"https://x.org/"')
    expect(stored).toContain('"level":2')
  })
})
