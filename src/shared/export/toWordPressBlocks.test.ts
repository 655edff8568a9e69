import { describe, expect, it } from 'vitest'
import type { EditableFields } from '../domain/Article'
import type { DocNode } from '../domain/DocNode'
import { blankFields } from '../domain/newArticle'
import { toPublication } from './toPublication'
import { toWordPressBlocks, type WordPressLayout } from './toWordPressBlocks'
import { wordPressExcerpt } from './wordPressExcerpt'

const layout: WordPressLayout = {
  deck: 'standfirst',
  linkRel: 'noopener noreferrer nofollow',
  sourceRel: 'noopener noreferrer',
  corrections: [],
}
const text = (t: string): DocNode => ({ type: 'text', text: t })
const para = (t: string): DocNode => ({ type: 'paragraph', content: [text(t)] })
const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content })

function render(fields: Partial<EditableFields>, options: Partial<WordPressLayout> = {}) {
  const publication = toPublication({ ...blankFields(), headline: 'H', ...fields })
  return toWordPressBlocks(publication, { ...layout, ...options })
}

describe('toWordPressBlocks: everything the desk wrote reaches WordPress', () => {
  it('keeps nested list items and every paragraph of a list item (bug: dropped or merged)', () => {
    const markup = render({
      body: {
        type: 'doc',
        content: [
          {
            type: 'bulletList',
            content: [
              item(para('First point'), para('Its second paragraph'), {
                type: 'orderedList',
                content: [item(para('Nested one')), item(para('Nested two'))],
              }),
              item(para('Second point')),
            ],
          },
        ],
      },
    })
    expect(markup).toContain(
      '<li>First point<br>Its second paragraph<!-- wp:list {"ordered":true} -->',
    )
    expect(markup).toContain('<li>Nested one</li>')
    expect(markup).toContain('<li>Nested two</li>')
    expect(markup).toContain('<li>Second point</li>')
    expect(markup).not.toContain('First point Its second paragraph')
  })

  it('puts the deck as a standfirst, or leaves it to the excerpt', () => {
    expect(render({ deck: 'Deck & more' })).toMatch(
      /^<!-- wp:paragraph {"className":"standfirst"} -->\n<p class="standfirst">Deck &amp; more<\/p>/,
    )
    expect(render({ deck: 'Deck & more' }, { deck: 'excerpt' })).not.toContain('Deck')
  })

  it('prints the byline, the sources with the desk’s rel, and the credit', () => {
    const markup = render(
      {
        byline: ['Asha Rao', 'Ravi Kumar', 'Meena Iyer'],
        credit: 'IANS',
        sources: [{ name: 'MEA', url: 'https://mea.gov.in/' }, { name: 'A diplomat' }],
      },
      { sourceRel: 'noopener' },
    )
    expect(markup).toContain('<p class="byline">By Asha Rao, Ravi Kumar and Meena Iyer</p>')
    expect(markup).toContain('<p>- IANS</p>')
    expect(markup).toContain(
      '<p class="sources"><strong>Sources:</strong> <a href="https://mea.gov.in/" rel="noopener">MEA</a>, A diplomat</p>',
    )
  })

  it('gives body links the desk’s rel (none at all when the setting is empty)', () => {
    const body: EditableFields['body'] = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'report',
              marks: [{ type: 'link', attrs: { href: 'https://example.com/r' } }],
            },
          ],
        },
      ],
    }
    expect(render({ body })).toContain(
      '<a href="https://example.com/r" rel="noopener noreferrer nofollow">report</a>',
    )
    expect(render({ body }, { linkRel: 'noopener' })).toContain('rel="noopener">report')
    expect(render({ body }, { linkRel: '' })).toContain(
      '<a href="https://example.com/r">report</a>',
    )
  })

  it('ends with a visible correction for each correction, in the desk’s wording', () => {
    const markup = render(
      { body: { type: 'doc', content: [para('Body')] } },
      {
        corrections: [{ at: '2026-01-24T10:00:00.000Z', note: 'An earlier version said <Osaka>.' }],
      },
    )
    expect(
      markup
        .trim()
        .endsWith(
          '<!-- wp:paragraph {"className":"correction"} -->\n<p class="correction"><strong>Correction, Jan 24, 2026:</strong> An earlier version said &lt;Osaka&gt;.</p>\n<!-- /wp:paragraph -->',
        ),
    ).toBe(true)
  })
})

describe('wordPressExcerpt', () => {
  it('is the summary, led by the deck when the deck goes there', () => {
    expect(
      wordPressExcerpt({ deck: 'Deck', summary: 'Summary.' }, { deck: 'standfirst', limit: 200 }),
    ).toEqual({ text: 'Summary.', shortened: false })
    expect(
      wordPressExcerpt({ deck: 'Deck', summary: 'Summary.' }, { deck: 'excerpt', limit: 200 }),
    ).toEqual({ text: 'Deck Summary.', shortened: false })
  })

  it('keeps to the summary limit, cut at a word and marked with "…"', () => {
    const summary = 'Ministers from four countries met in Tokyo on Monday to agree a plan.'
    const { text: cut, shortened } = wordPressExcerpt(
      { deck: '', summary },
      { deck: 'standfirst', limit: 40 },
    )
    expect(shortened).toBe(true)
    expect(cut.length).toBeLessThanOrEqual(40)
    expect(cut).toBe('Ministers from four countries met in…')
  })

  it('never cuts inside an emoji or a letter with its vowel signs (bug: a lone surrogate half ended the excerpt)', () => {
    const a50 = 'a'.repeat(50)
    const summary = `${a50}🇮🇳🇯🇵 more words here`
    const cut = (limit: number) =>
      wordPressExcerpt({ deck: '', summary }, { deck: 'standfirst', limit }).text
    expect(cut(52)).toBe(`${a50}…`)
    expect(cut(52)).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    )
    expect(cut(53)).toBe(`${a50}…`)
    expect(cut(55)).toBe(`${a50}🇮🇳…`)
    const hindi = wordPressExcerpt(
      { deck: '', summary: 'क्षेत्रीय सुरक्षा पर बातचीत जारी रहेगी' },
      { deck: 'standfirst', limit: 5 },
    )
    expect(hindi.text).toBe('क्षे…')
    expect(hindi.text.length).toBeLessThanOrEqual(5)
  })
})

describe('toWordPressBlocks: the story’s language', () => {
  it('marks every text with the language and keeps the labels outside; no language, no mark', () => {
    const markup = render(
      {
        deck: 'अच्छी खबर',
        byline: ['आशा राव'],
        keyPoints: { title: 'मुख्य बातें', items: ['एक'] },
        body: { type: 'doc', content: [para('नमस्ते')] },
      },
      { language: 'hi', corrections: [{ at: '2026-01-24T10:00:00.000Z', note: 'सुधार' }] },
    )
    expect(markup).toContain('<p class="standfirst"><span lang="hi">अच्छी खबर</span></p>')
    expect(markup).toContain('<p class="byline">By <span lang="hi">आशा राव</span></p>')
    expect(markup).toContain('<h3 class="wp-block-heading"><span lang="hi">मुख्य बातें</span></h3>')
    expect(markup).toContain('<li><span lang="hi">एक</span></li>')
    expect(markup).toContain('<p><span lang="hi">नमस्ते</span></p>')
    expect(markup).toContain(
      '<strong>Correction, Jan 24, 2026:</strong> <span lang="hi">सुधार</span>',
    )
    expect(render({ body: { type: 'doc', content: [para('Hello')] } })).not.toContain('lang=')
  })

  it('gives paragraphs of a right-to-left language core/paragraph’s direction', () => {
    const markup = render({ body: { type: 'doc', content: [para('مرحبا')] } }, { language: 'ar' })
    expect(markup).toContain(
      '<!-- wp:paragraph {"direction":"rtl"} -->\n<p dir="rtl"><span lang="ar">مرحبا</span></p>',
    )
    expect(
      render({ body: { type: 'doc', content: [para('Salom')] } }, { language: 'uz-Latn' }),
    ).not.toContain('rtl')
  })
})

describe('toWordPressBlocks: figures as core/image blocks', () => {
  const mediaId = `${'a'.repeat(64)}.jpg`
  const figure: DocNode = {
    type: 'figure',
    attrs: {
      mediaId,
      caption: 'Smoke over the <harbour>',
      credit: 'Karin Fotograf/TT',
      creator: 'Karin Fotograf',
      copyright: '© TT',
      altText: 'A "burning" warehouse',
    },
  }
  const body = { type: 'doc' as const, content: [para('Before.'), figure, para('After.')] }

  it('puts each figure in its place as the block editor saves an image from the media library', () => {
    const markup = render(
      { body },
      {
        media: new Map([
          [mediaId, { id: 41, url: 'https://news.example/wp-content/uploads/a.jpg' }],
        ]),
      },
    )
    expect(markup).toContain(
      '<!-- wp:image {"id":41,"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://news.example/wp-content/uploads/a.jpg" alt="A &quot;burning&quot; warehouse" class="wp-image-41"/><figcaption class="wp-element-caption">Smoke over the &lt;harbour&gt; <small class="credit">Karin Fotograf/TT</small></figcaption></figure>\n<!-- /wp:image -->',
    )
    expect(markup.indexOf('Before.')).toBeLessThan(markup.indexOf('wp:image'))
    expect(markup.indexOf('wp:image')).toBeLessThan(markup.indexOf('After.'))
  })

  it('leaves out a figure whose picture is not in the site’s library, and the caption when there are no words', () => {
    expect(render({ body })).not.toContain('wp:image')
    const bare: DocNode = {
      type: 'figure',
      attrs: { mediaId, caption: '', credit: '', creator: '', copyright: '', altText: '' },
    }
    const markup = render(
      { body: { type: 'doc', content: [bare] } },
      { media: new Map([[mediaId, { id: 7, url: 'https://news.example/b.jpg' }]]) },
    )
    expect(markup).toContain('alt="" class="wp-image-7"/></figure>')
    expect(markup).not.toContain('figcaption')
  })
})
