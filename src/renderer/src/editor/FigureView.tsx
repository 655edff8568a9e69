import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import type { FigureWords } from '../../../shared/editor-schema/figure/figure'
import { PICTURE_TEXT_MAX } from '../../../shared/media/PictureRecord'
import { PictureImage } from './PictureImage'
import { usePictureUrl } from './usePictureUrl'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * A picture in the body, its caption, credit and alt text edited in place (creator and copyright
 * come from the photo and travel with it). Kept cheap: the picture is read once per media id.
 */
export function FigureView({
  node,
  editor,
  updateAttributes,
  deleteNode,
  selected,
}: ReactNodeViewProps) {
  const mediaId = text(node.attrs['mediaId'])
  const picture = usePictureUrl(mediaId, 'web')
  const altText = text(node.attrs['altText'])
  const editable = editor.isEditable
  const field = (key: keyof FigureWords, label: string, hint: string, multiline = false) => {
    const common = {
      value: text(node.attrs[key]),
      readOnly: !editable,
      maxLength: PICTURE_TEXT_MAX[key],
      placeholder: editable ? hint : '',
      'data-figure-field': key,
    }
    return (
      <label className={`stacked figure-${key}`}>
        <span>{label}</span>
        {multiline ? (
          <textarea
            {...common}
            className="text-input multiline"
            rows={1}
            onChange={(e) => updateAttributes({ [key]: e.target.value })}
          />
        ) : (
          <input
            {...common}
            className="text-input"
            onChange={(e) => updateAttributes({ [key]: e.target.value })}
          />
        )}
      </label>
    )
  }
  return (
    <NodeViewWrapper
      as="figure"
      className={`figure-view ${selected ? 'selected' : ''}`}
      data-type="picture"
      role="group"
      aria-label={`Picture: ${text(node.attrs['caption']) || 'no caption'}`}
    >
      <div className="figure-media" data-drag-handle contentEditable={false}>
        <PictureImage picture={picture} alt={altText} />
      </div>
      <div className="figure-words" contentEditable={false}>
        {field('caption', 'Picture caption', 'What the picture shows, in the story’s words', true)}
        {field('credit', 'Picture credit', 'Agency / photographer')}
        {field('altText', 'Picture alt text', 'Describe the picture for readers who cannot see it')}
        {editable && (
          <button type="button" className="button small figure-remove" onClick={deleteNode}>
            Remove picture
          </button>
        )}
      </div>
    </NodeViewWrapper>
  )
}
