import { describe, expect, it } from 'vitest'
import { validateBody } from '../../shared/editor-schema/validateBody'
import { htmlToBody } from './htmlToBody'

/** Hostile HTML: none of it may leave a script, a handler or a dangerous URL in the body. */
const HOSTILE = [
  '<script>alert(1)</script><p>text</p>',
  '<p onclick="alert(1)">click</p>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)><p>x</p></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style><p>x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//"><a href="/x">x</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<details open ontoggle=alert(1)>',
  '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
  '<figure data-type="pull-quote"><blockquote onclick="x()">q</blockquote><figcaption><script>1</script>who</figcaption></figure>',
]

describe('htmlToBody', () => {
  it.each(HOSTILE)('neutralizes %s', (html) => {
    const { body } = htmlToBody(html)
    const json = JSON.stringify(body)
    expect(json).not.toMatch(
      /javascript:|vbscript:|data:text|onerror|onclick|onload|onmouseover|ontoggle|<script|expression\(/i,
    )
    expect(validateBody(body)).toEqual([])
  })

  it('keeps headings, lists, bold, italic and links from Word and Google Docs', () => {
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>' +
      '<h1>Budget passes</h1><p class=MsoNormal><b>Bold</b> and <i>italic</i> with <a href="https://gov.example/budget">a link</a><o:p></o:p></p>' +
      '<ul><li>first</li><li>second</li></ul></body></html>'
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-abc"><p dir="ltr"><span style="font-weight:700;">Docs bold</span>' +
      '<span style="font-style:italic;"> docs italic</span><span> plain</span></p></b>'
    expect(htmlToBody(word).body.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Budget passes' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' with ' },
          {
            type: 'text',
            text: 'a link',
            marks: [
              {
                type: 'link',
                attrs: expect.objectContaining({ href: 'https://gov.example/budget' }),
              },
            ],
          },
        ],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second' }] }],
          },
        ],
      },
    ])
    expect(htmlToBody(docs).body.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Docs bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' docs italic', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' plain' },
        ],
      },
    ])
  })
})
