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
const p = (text: string): DocNode =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' }
const quote = (text: string, attribution: string): DocNode => ({
  type: 'pullQuote',
  content: [
    { type: 'pullQuoteText', content: text ? [{ type: 'text', text }] : undefined },
    {
      type: 'pullQuoteAttribution',
      content: attribution ? [{ type: 'text', text: attribution }] : undefined,
    },
  ],
})
/** The body without the empty paragraph TipTap's trailing-node plugin keeps after a final block. */
const body = (e: Editor) => {
  const nodes = e.getJSON().content ?? []
  const last = nodes.at(-1)
  return last?.type === 'paragraph' && !last.content && nodes.length > 1
    ? nodes.slice(0, -1)
    : nodes
}

describe('pullQuote', () => {
  it('is part of the shared schema and validates in main', () => {
    const doc = {
      type: 'doc' as const,
      content: [p('Before'), quote('De-risk global dependencies', 'India Narrative')],
    }
    expect(validateBody(doc)).toEqual([])
    expect(
      validateBody({
        type: 'doc',
        content: [{ type: 'pullQuote', content: [{ type: 'pullQuoteText' }] }],
      }),
    ).not.toEqual([])
  })

  it('setPullQuote turns the current paragraph into a pull quote with that text', () => {
    const e = edit([p('These steps aim to de-risk global dependencies')])
    e.commands.setTextSelection(5)
    expect(e.commands.setPullQuote()).toBe(true)
    expect(body(e)).toEqual([quote('These steps aim to de-risk global dependencies', '')])
  })

  it('setPullQuote with content inserts text and attribution', () => {
    const e = edit([p('')])
    e.commands.setPullQuote({ text: 'Words', attribution: 'India Narrative' })
    expect(body(e)).toEqual([quote('Words', 'India Narrative')])
  })

  it('inserts after a list instead of swallowing it', () => {
    const e = edit('<ul><li><p>one</p></li></ul>')
    e.commands.setTextSelection(3)
    e.commands.setPullQuote({ text: 'q', attribution: 'a' })
    expect(body(e).map((n) => n.type)).toEqual(['bulletList', 'pullQuote'])
  })

  it('unsetPullQuote gives back paragraphs, attribution included', () => {
    const e = edit([quote('Words', 'India Narrative')])
    e.commands.setTextSelection(3)
    e.commands.unsetPullQuote()
    expect(body(e)).toEqual([p('Words'), p('India Narrative')])
  })

  it('typing ">> " at the start of an empty paragraph makes a pull quote (input rule)', () => {
    const e = edit([p('')])
    e.commands.setTextSelection(1)
    const type = (text: string) => {
      const { from, to } = e.state.selection
      const handled = e.view.someProp('handleTextInput', (f) =>
        f(e.view, from, to, text, () => e.state.tr.insertText(text, from, to)),
      )
      if (!handled) e.view.dispatch(e.state.tr.insertText(text, from, to))
    }
    for (const character of ['>', '>', ' ']) type(character)
    expect(body(e)).toEqual([quote('', '')])
  })

  it('togglePullQuote goes both ways', () => {
    const e = edit([p('Words')])
    e.commands.setTextSelection(2)
    e.commands.togglePullQuote()
    expect(body(e)[0]?.type).toBe('pullQuote')
    e.commands.togglePullQuote()
    expect(body(e)).toEqual([p('Words')])
  })

  it('parses and renders its HTML (figure, blockquote, figcaption)', () => {
    const html =
      '<figure data-type="pull-quote"><blockquote>Words</blockquote><figcaption>India Narrative</figcaption></figure>'
    const e = edit(html)
    expect(body(e)).toEqual([quote('Words', 'India Narrative')])
    expect(e.getHTML()).toContain(
      '<figure data-type="pull-quote" class="pull-quote"><blockquote class="pull-quote-text">Words</blockquote>',
    )
  })

  it('keeps links out of the quote and the attribution plain', () => {
    const e = edit(
      '<figure data-type="pull-quote"><blockquote><a href="https://x.org">Words</a></blockquote><figcaption><b>Who</b></figcaption></figure>',
    )
    const json = JSON.stringify(body(e))
    expect(json).not.toContain('link')
    expect(json).not.toContain('bold')
  })
})
