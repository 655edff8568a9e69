import { mergeAttributes, Node } from '@tiptap/core'
import { MediaId } from '../../media/MediaId'
import { PICTURE_TEXT_MAX } from '../../media/PictureRecord'

/** The words a figure carries beside its picture, as its node attributes. */
export type FigureWords = {
  caption: string
  credit: string
  creator: string
  copyright: string
  altText: string
}

/** A figure's attributes: the stored picture (by media id) and its words. */
export type FigureAttrs = FigureWords & { mediaId: string }

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a picture with its words where the cursor is (after the current block). */
      setFigure: (attrs: { mediaId: string } & Partial<FigureWords>) => ReturnType
    }
  }
}

const WORD_KEYS = ['caption', 'credit', 'creator', 'copyright', 'altText'] as const

/** The text attributes with their HTML data attributes; the caption is the figcaption. */
const DATA_ATTRIBUTE: Record<Exclude<(typeof WORD_KEYS)[number], 'caption'>, string> = {
  credit: 'data-credit',
  creator: 'data-creator',
  copyright: 'data-copyright',
  altText: 'data-alt',
}

/**
 * A picture in the body: a stored picture (media id) with its caption, credit, creator, copyright
 * and alt text as attributes, edited in the node's view. An atom: its words are not body text.
 * HTML is `<figure data-type="picture" data-media-id="…">` with the caption as its figcaption; a
 * figure whose media id is not one Copydesk names is not read as a picture.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    const text = (key: keyof typeof DATA_ATTRIBUTE) => ({
      default: '',
      parseHTML: (element: HTMLElement) => element.getAttribute(DATA_ATTRIBUTE[key]) ?? '',
      renderHTML: (attrs: Record<string, unknown>) => ({
        [DATA_ATTRIBUTE[key]]: String(attrs[key] ?? ''),
      }),
    })
    return {
      mediaId: {
        default: '',
        parseHTML: (element: HTMLElement) => element.getAttribute('data-media-id') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({
          'data-media-id': String(attrs['mediaId'] ?? ''),
        }),
      },
      caption: {
        default: '',
        parseHTML: (element: HTMLElement) =>
          element.querySelector('figcaption')?.textContent.trim() ?? '',
        rendered: false,
      },
      credit: text('credit'),
      creator: text('creator'),
      copyright: text('copyright'),
      altText: text('altText'),
    }
  },

  parseHTML: () => [
    {
      tag: 'figure[data-type="picture"]',
      priority: 110,
      getAttrs: (element) =>
        MediaId.safeParse(element.getAttribute('data-media-id')).success ? null : false,
    },
  ],
  renderHTML: ({ node, HTMLAttributes }) => [
    'figure',
    mergeAttributes(HTMLAttributes, { 'data-type': 'picture', class: 'figure' }),
    ['figcaption', String(node.attrs['caption'] ?? '')],
  ],

  addCommands() {
    return {
      setFigure:
        (attrs) =>
        ({ state, tr, dispatch }) => {
          const type = state.schema.nodes['figure']
          if (!type || !MediaId.safeParse(attrs.mediaId).success) return false
          const node = type.create(figureAttrs(attrs))
          if (dispatch) tr.replaceSelectionWith(node).scrollIntoView()
          return true
        },
    }
  },
})

/** Complete, trimmed figure attributes, each text cut to its limit. */
export function figureAttrs(attrs: { mediaId: string } & Partial<FigureWords>): FigureAttrs {
  const cut = (key: keyof FigureWords) => (attrs[key] ?? '').trim().slice(0, PICTURE_TEXT_MAX[key])
  return {
    mediaId: attrs.mediaId,
    caption: cut('caption'),
    credit: cut('credit'),
    creator: cut('creator'),
    copyright: cut('copyright'),
    altText: cut('altText'),
  }
}

/** What makes a figure's attributes unfit to store, or null: a media id or a text too long. */
export function figureProblem(attrs: Record<string, unknown>): string | null {
  if (!MediaId.safeParse(attrs['mediaId']).success)
    return `a picture with no valid media id (${JSON.stringify(String(attrs['mediaId'] ?? '')).slice(0, 80)})`
  for (const key of WORD_KEYS) {
    const value = attrs[key]
    if (typeof value !== 'string') return `a picture whose ${key} is not text`
    if (value.length > PICTURE_TEXT_MAX[key])
      return `a picture whose ${key} is ${value.length.toLocaleString('en')} characters (at most ${PICTURE_TEXT_MAX[key].toLocaleString('en')})`
  }
  return null
}
