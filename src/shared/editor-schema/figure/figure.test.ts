// @vitest-environment happy-dom
import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocNode } from '../../domain/DocNode'
import { editorExtensions } from '../editorExtensions'
import { validateBody } from '../validateBody'

let editor: Editor | undefined
afterEach(() => editor?.destroy())

/** An editor with the real extension list, the same one the app and main use. */
function edit(content: DocNode[] | string): Editor {
  editor = new Editor({
    extensions: editorExtensions(),
    content: typeof content === 'string' ? content : { type: 'doc', content },
  })
  return editor
}
const MEDIA = `${'ab'.repeat(32)}.jpg`
const p = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const figure = (attrs: Record<string, unknown>): DocNode => ({
  type: 'figure',
  attrs: {
    mediaId: MEDIA,
    caption: '',
    credit: '',
    creator: '',
    copyright: '',
    altText: '',
    ...attrs,
  },
})

describe('figure', () => {
  it('stores as { type: "figure", attrs } with exactly the six attributes, and validates in main', () => {
    const e = edit([p('Before')])
    e.commands.setTextSelection(7)
    const words = {
      caption: 'Firefighters at the Pune warehouse',
      credit: 'PTI',
      creator: 'Asha Rao',
      copyright: '© PTI 2026',
      altText: 'Smoke rising over a warehouse roof',
    }
    expect(e.commands.setFigure({ mediaId: MEDIA, ...words })).toBe(true)
    const stored = e.getJSON().content?.find((node) => node.type === 'figure')
    expect(stored).toEqual({ type: 'figure', attrs: { mediaId: MEDIA, ...words } })
    expect(validateBody({ type: 'doc', content: e.getJSON().content ?? [] })).toEqual([])
  })

  it('defaults every text to empty and trims what it is given', () => {
    const e = edit([p('Text')])
    e.commands.setFigure({ mediaId: MEDIA, caption: '  A caption  ' })
    const stored = e.getJSON().content?.find((node) => node.type === 'figure')
    expect(stored?.attrs).toEqual({
      mediaId: MEDIA,
      caption: 'A caption',
      credit: '',
      creator: '',
      copyright: '',
      altText: '',
    })
  })

  it('setFigure refuses an id that is not a media id', () => {
    const e = edit([p('Text')])
    expect(e.commands.setFigure({ mediaId: '../../etc/passwd' })).toBe(false)
    expect(e.getJSON().content?.some((node) => node.type === 'figure')).toBe(false)
  })

  it('validateBody refuses a figure with no valid media id or a text over its limit', () => {
    const bad = [
      figure({ mediaId: 'javascript:alert(1)' }),
      figure({ mediaId: `${'ab'.repeat(32)}.svg` }),
      figure({ altText: 'x'.repeat(2001) }),
    ]
    for (const node of bad)
      expect(validateBody({ type: 'doc', content: [node] })).toEqual([
        expect.stringMatching(/^The body has a picture that is not fit to store: a picture/),
      ])
    expect(validateBody({ type: 'doc', content: [figure({ altText: 'x'.repeat(2000) })] })).toEqual(
      [],
    )
  })

  it('drops attributes the schema does not declare', () => {
    const e = edit([figure({ onclick: 'alert(1)', src: 'https://evil.example/x.jpg' })])
    expect(e.getJSON().content?.[0]?.attrs).not.toHaveProperty('onclick')
    expect(e.getJSON().content?.[0]?.attrs).not.toHaveProperty('src')
  })

  it('reads its own HTML back, and not a figure naming something else', () => {
    const e = edit([figure({ caption: 'Caption here', credit: 'Reuters', altText: 'A dam' })])
    const html = e.getHTML()
    expect(html).toContain('<figure data-media-id')
    expect(html).toContain('data-type="picture"')
    const again = edit(html)
    expect(again.getJSON().content?.[0]).toEqual(
      figure({ caption: 'Caption here', credit: 'Reuters', altText: 'A dam' }),
    )
    const foreign = edit(
      '<figure data-type="picture" data-media-id="https://evil.example/x.jpg"><figcaption>Hi</figcaption></figure>',
    )
    expect(foreign.getJSON().content?.some((node) => node.type === 'figure')).toBe(false)
  })
})
