import { InputRule, mergeAttributes, Node } from '@tiptap/core'
import type { Node as PmNode, Schema } from '@tiptap/pm/model'
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pullQuote: {
      /** Turns the current paragraph into a pull quote, or inserts an empty one after the current block. */
      setPullQuote: (content?: { text?: string; attribution?: string }) => ReturnType
      /** Turns the pull quote around the cursor back into paragraphs. */
      unsetPullQuote: () => ReturnType
      togglePullQuote: () => ReturnType
    }
  }
}

/** The quoted words of a pull quote. */
export const PullQuoteText = Node.create({
  name: 'pullQuoteText',
  content: 'text*',
  marks: 'bold italic',
  defining: true,
  parseHTML: () => [{ tag: 'figure[data-type="pull-quote"] > blockquote', priority: 100 }],
  renderHTML: ({ HTMLAttributes }) => [
    'blockquote',
    mergeAttributes(HTMLAttributes, { class: 'pull-quote-text' }),
    0,
  ],
})

/** Who said it: plain text, required before a story can be submitted. */
export const PullQuoteAttribution = Node.create({
  name: 'pullQuoteAttribution',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML: () => [{ tag: 'figure[data-type="pull-quote"] > figcaption', priority: 100 }],
  renderHTML: ({ HTMLAttributes }) => [
    'figcaption',
    mergeAttributes(HTMLAttributes, { class: 'pull-quote-attribution' }),
    0,
  ],
})

/** A pull quote in the body: quote text plus attribution, both edited in place. Shortcut Mod-Shift-P, or type ">> ". */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'pullQuoteText pullQuoteAttribution',
  defining: true,
  isolating: true,

  parseHTML: () => [{ tag: 'figure[data-type="pull-quote"]', priority: 100 }],
  renderHTML: ({ HTMLAttributes }) => [
    'figure',
    mergeAttributes(HTMLAttributes, { 'data-type': 'pull-quote', class: 'pull-quote' }),
    0,
  ],

  addCommands() {
    return {
      setPullQuote:
        (content) =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection
          if ($from.depth < 1) return false
          const replaceParagraph = $from.depth === 1 && $from.parent.type.name === 'paragraph'
          const text = content?.text ?? (replaceParagraph ? $from.parent.textContent : '')
          const node = pullQuoteNode(state.schema, text, content?.attribution ?? '')
          const start = replaceParagraph ? $from.before(1) : $from.after(1)
          if (dispatch) {
            if (replaceParagraph) tr.replaceWith(start, $from.after(1), node)
            else tr.insert(start, node)
            tr.setSelection(TextSelection.create(tr.doc, start + 2 + text.length)).scrollIntoView()
          }
          return true
        },
      unsetPullQuote:
        () =>
        ({ state, tr, dispatch }) => {
          const found = findPullQuote(state)
          if (!found) return false
          const { schema } = state
          const [text, attribution] = [found.node.child(0), found.node.child(1)]
          const paragraphs = [schema.nodes['paragraph']?.create(null, text.content)]
          if (attribution.textContent)
            paragraphs.push(
              schema.nodes['paragraph']?.create(null, schema.text(attribution.textContent)),
            )
          if (dispatch) {
            tr.replaceWith(found.pos, found.pos + found.node.nodeSize, paragraphs.filter(isNode))
            tr.setSelection(TextSelection.create(tr.doc, found.pos + 1 + text.content.size))
          }
          return true
        },
      togglePullQuote:
        () =>
        ({ state, commands }) =>
          findPullQuote(state) ? commands.unsetPullQuote() : commands.setPullQuote(),
    }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Shift-p': () => this.editor.commands.togglePullQuote(),
      Enter: () =>
        this.editor.commands.command(({ state, tr, dispatch }) => leavePart(state, tr, dispatch)),
    }
  },

  addInputRules() {
    return [
      new InputRule({
        find: /^>>\s$/,
        handler: ({ range, chain }) => {
          chain().deleteRange(range).setPullQuote().run()
        },
      }),
    ]
  },
})

/** The three nodes a pull quote is made of, for the editor's extension list. */
export const pullQuoteExtensions = [PullQuote, PullQuoteText, PullQuoteAttribution]

function pullQuoteNode(schema: Schema, text: string, attribution: string): PmNode {
  const { pullQuote, pullQuoteText, pullQuoteAttribution } = schema.nodes
  if (!pullQuote || !pullQuoteText || !pullQuoteAttribution)
    throw new Error('pullQuote is not in this schema')
  return pullQuote.create(null, [
    pullQuoteText.create(null, text ? schema.text(text) : null),
    pullQuoteAttribution.create(null, attribution ? schema.text(attribution) : null),
  ])
}

function findPullQuote(state: EditorState): { node: PmNode; pos: number } | null {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    const node = $from.node(depth)
    if (node.type.name === 'pullQuote') return { node, pos: $from.before(depth) }
  }
  return null
}

/** Enter moves from the quote to its attribution, and from the attribution to a new paragraph after it. */
function leavePart(
  state: EditorState,
  tr: Transaction,
  dispatch: ((tr: Transaction) => void) | undefined,
): boolean {
  const { $from } = state.selection
  const part = $from.parent.type.name
  if (part === 'pullQuoteText') {
    if (dispatch) tr.setSelection(TextSelection.create(tr.doc, $from.after() + 1))
    return true
  }
  if (part === 'pullQuoteAttribution') {
    const after = $from.after(-1 + $from.depth)
    const paragraph = state.schema.nodes['paragraph']?.create()
    if (!paragraph) return false
    if (dispatch) tr.insert(after, paragraph).setSelection(TextSelection.create(tr.doc, after + 1))
    return true
  }
  return false
}

function isNode(node: PmNode | undefined): node is PmNode {
  return node !== undefined
}
