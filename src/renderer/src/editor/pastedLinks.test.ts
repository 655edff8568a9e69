import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { editorExtensions } from '../../../shared/editor-schema/editorExtensions'

let editor: Editor | undefined
afterEach(() => editor?.destroy())

function pasted(html: string): string[] {
  editor = new Editor({ extensions: editorExtensions(), content: '<p></p>' })
  editor.view.pasteHTML(html)
  const hrefs: string[] = []
  editor.state.doc.descendants((node) => {
    for (const mark of node.marks)
      if (mark.type.name === 'link') hrefs.push(String(mark.attrs['href']))
  })
  return hrefs
}

describe('links pasted into the body', () => {
  // Red team H3: the bare href was kept, and autosave then refused every save ("Not saved … not allowed").
  it('keeps a bare address as a full one', () => {
    expect(pasted('<p>See <a href="www.reuters.com">Reuters</a></p>')).toEqual([
      'https://www.reuters.com/',
    ])
    expect(
      pasted('<p><a href="example.org/path">path</a> <a href="desk@example.org">desk</a></p>'),
    ).toEqual(['https://example.org/path', 'mailto:desk@example.org'])
  })

  it('keeps the text of a link no reader could follow, without the link', () => {
    expect(pasted('<p>See <a href="/news/older">the older story</a></p>')).toEqual([])
    expect(editor?.getText()).toBe('See the older story')
  })
})
