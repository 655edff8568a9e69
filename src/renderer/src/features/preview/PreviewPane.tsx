import type { ReactNode } from 'react'
import type { Block, BodyBlock, Inline, Publication } from '../../../../shared/export/Publication'
import { PreviewPicture } from './PreviewPicture'
import './preview.css'

type Props = {
  publication: Publication
  /** "Embargoed until …" in the desk's time zone while the story's embargo holds. */
  embargo?: string | null | undefined
}

/** The article as a reader will see it, drawn from the same layout the exports use. */
export function PreviewPane({ publication: p, embargo }: Props) {
  return (
    <article className="preview" aria-label="Preview">
      {embargo && <p className="preview-embargo">{embargo}</p>}
      {/* h2: the screen's h1 is the story's own heading; the preview sits inside that screen. */}
      <h2 className="preview-headline">{p.headline || 'Untitled article'}</h2>
      {p.summary && <p className="preview-summary">{p.summary}</p>}
      {p.keyPoints.items.length > 0 && (
        <section className="preview-key-points" aria-label={p.keyPoints.title || 'Key Points'}>
          <h2>{p.keyPoints.title || 'Key Points'}</h2>
          <ul>
            {p.keyPoints.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </section>
      )}
      <p className="preview-reading-time">{p.readingTime.label}</p>
      {p.deck && <p className="preview-deck">{p.deck}</p>}
      {p.byline.length > 0 && <p className="preview-byline">By {p.byline.join(' and ')}</p>}
      {p.leadPicture && <PreviewPicture picture={p.leadPicture} lead />}
      <div className="preview-body">
        {(p.body ?? p.blocks).map((block, i) => (
          <BodyBlockView key={i} block={block} />
        ))}
      </div>
      {p.credit && <p className="preview-credit">- {p.credit}</p>}
      {p.tags.length > 0 && (
        <ul className="preview-tags" aria-label="Tags">
          {p.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
    </article>
  )
}

function BodyBlockView({ block }: { block: BodyBlock }) {
  if (block.type !== 'figure') return <BlockView block={block} />
  const { type: _figure, ...picture } = block
  return <PreviewPicture picture={picture} />
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          {block.dateline && <span className="preview-dateline">{block.dateline}: </span>}
          <Inlines content={block.content} />
        </p>
      )
    case 'heading': {
      const content = <Inlines content={block.content} />
      return block.level <= 2 ? <h2>{content}</h2> : <h3>{content}</h3>
    }
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.map((child, j) => (
            <BlockView key={j} block={child} />
          ))}
        </li>
      ))
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>
    }
    case 'quote':
      return (
        <blockquote>
          {block.content.map((child, i) => (
            <BlockView key={i} block={child} />
          ))}
        </blockquote>
      )
    case 'pullQuote':
      return (
        <figure className="preview-pull-quote">
          <blockquote>
            <Inlines content={block.text} />
          </blockquote>
          {block.attribution && <figcaption>{block.attribution}</figcaption>}
        </figure>
      )
  }
}

function Inlines({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((run, i) => {
        if (run.type === 'break') return <br key={i} />
        let node: ReactNode = run.text
        if (run.italic) node = <em>{node}</em>
        if (run.bold) node = <strong>{node}</strong>
        if (run.href) {
          node = (
            <a href={run.href} target="_blank" rel="noopener noreferrer nofollow">
              {node}
            </a>
          )
        }
        return <span key={i}>{node}</span>
      })}
    </>
  )
}
