// @vitest-environment happy-dom
import { Editor } from '@tiptap/core'
import DOMPurify from 'dompurify'
import { afterEach, describe, expect, it } from 'vitest'
import { editorExtensions } from '../../../shared/editor-schema/editorExtensions'
import { cleanHtml } from '../../../shared/import/cleanHtml'
import { keepPastedFigures } from './keepPastedFigures'

let editor: Editor | undefined
afterEach(() => editor?.destroy())

const MEDIA = `${'ab'.repeat(32)}.jpg`

/** Pastes `html` into an editor with the real extensions and the app's paste cleaning. */
function pasted(html: string) {
  editor = new Editor({
    extensions: editorExtensions(),
    content: '<p></p>',
    editorProps: {
      transformPastedHTML: (text) => keepPastedFigures(text, (h) => cleanHtml(h, DOMPurify)),
    },
  })
  editor.view.pasteHTML(html)
  return editor.getJSON().content ?? []
}

describe('keepPastedFigures', () => {
  it('keeps a figure cut and pasted in the body, with all its words', () => {
    const source = new Editor({
      extensions: editorExtensions(),
      content: {
        type: 'doc',
        content: [
          {
            type: 'figure',
            attrs: {
              mediaId: MEDIA,
              caption: 'Smoke <b>over</b> Pune',
              credit: 'PTI',
              creator: 'Asha Rao',
              copyright: '© PTI',
              altText: 'Smoke "rising"',
            },
          },
        ],
      },
    })
    const html = source.getHTML()
    source.destroy()
    expect(pasted(`<p>Before</p>${html}`).find((node) => node.type === 'figure')).toEqual({
      type: 'figure',
      attrs: {
        mediaId: MEDIA,
        caption: 'Smoke <b>over</b> Pune',
        credit: 'PTI',
        creator: 'Asha Rao',
        copyright: '© PTI',
        altText: 'Smoke "rising"',
      },
    })
  })

  it('rebuilds a pasted figure from its words only: nothing else in it survives', () => {
    const nodes = pasted(
      `<figure data-type="picture" data-media-id="${MEDIA}" data-alt="x" onclick="alert(1)">` +
        '<img src="https://evil.example/t.gif" onerror="alert(1)"><script>alert(1)</script>' +
        '<figcaption>Caption<img src=x onerror=alert(1)></figcaption></figure>',
    )
    expect(nodes.filter((node) => node.type === 'figure')).toEqual([
      {
        type: 'figure',
        attrs: {
          mediaId: MEDIA,
          caption: 'Caption',
          credit: '',
          creator: '',
          copyright: '',
          altText: 'x',
        },
      },
    ])
    expect(JSON.stringify(nodes)).not.toMatch(/onerror|onclick|script|evil/)
  })

  it('drops a figure naming something that is not a media id, keeping its caption as text', () => {
    const nodes = pasted(
      '<figure data-type="picture" data-media-id="../../secret.jpg"><figcaption>Hi</figcaption></figure>',
    )
    expect(nodes.some((node) => node.type === 'figure')).toBe(false)
    expect(JSON.stringify(nodes)).toContain('Hi')
  })
})
