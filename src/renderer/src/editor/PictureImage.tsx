import './picture.css'
import type { PictureUrl } from './usePictureUrl'

type Props = { picture: PictureUrl; alt: string; className?: string }

/**
 * A stored picture, or a plain box saying why it is not shown (missing, damaged, still loading):
 * never a broken image.
 */
export function PictureImage({ picture, alt, className = '' }: Props) {
  if (picture.state === 'ready')
    return (
      <img
        className={`picture-image ${className}`}
        src={picture.url}
        alt={alt}
        width={picture.width}
        height={picture.height}
      />
    )
  return (
    <div
      className={`picture-image picture-placeholder ${picture.state} ${className}`}
      role={picture.state === 'missing' ? 'img' : undefined}
      aria-label={picture.state === 'missing' ? picture.message : undefined}
    >
      <span aria-hidden={picture.state === 'missing'}>
        {picture.state === 'loading' ? 'Loading picture…' : picture.message}
      </span>
    </div>
  )
}
