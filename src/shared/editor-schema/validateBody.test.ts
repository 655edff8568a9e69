import { describe, expect, it } from 'vitest'
import { isAllowedLink } from './editorExtensions'
import { bodySchema, validateBody } from './validateBody'

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

  it('allows only http(s), mailto and relative links', () => {
    expect(isAllowedLink('https://x.org')).toBe(true)
    expect(isAllowedLink('mailto:desk@x.org')).toBe(true)
    expect(isAllowedLink('/relative')).toBe(true)
    expect(isAllowedLink('java\tscript:alert(1)')).toBe(false)
    expect(isAllowedLink('vbscript:x')).toBe(false)
  })
})
