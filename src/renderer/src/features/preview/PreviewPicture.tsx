import type { LeadPicture } from '../../../../shared/domain/LeadPicture'
import { PictureImage } from '../../editor/PictureImage'
import { usePictureUrl } from '../../editor/usePictureUrl'

type Props = { picture: LeadPicture; lead?: boolean }

/**
 * A picture as readers will see it: the web rendition with its alt text, then the caption and the
 * credit line under it (the credit as the exports carry it, never hidden in the alt text).
 */
export function PreviewPicture({ picture, lead = false }: Props) {
  const url = usePictureUrl(picture.mediaId, 'web')
  const credit = picture.credit || picture.creator
  return (
    <figure className={`preview-picture${lead ? ' lead' : ''}`}>
      <PictureImage picture={url} alt={picture.altText} />
      {(picture.caption || credit) && (
        <figcaption>
          {picture.caption}
          {credit && <span className="preview-picture-credit">{credit}</span>}
        </figcaption>
      )}
    </figure>
  )
}
