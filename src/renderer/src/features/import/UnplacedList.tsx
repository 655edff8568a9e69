import { useId, useRef } from 'react'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { placementProblem, type PlaceTarget } from '../../../../shared/import/placeUnplaced'

type Props = {
  proposal: ImportProposal
  onPlace: (index: number, target: PlaceTarget) => void
  /** Where focus goes when the last item is placed and the list is gone. */
  onEmptied: () => void
}

const TARGETS: [PlaceTarget, string][] = [
  ['deck', 'Deck'],
  ['summary', 'Summary'],
  ['bodyStart', 'Body start'],
  ['keyPoint', 'Key point'],
  ['drop', 'Drop'],
]
const KINDS = { caption: 'Photo caption', note: 'Note to editors', text: '' } as const

/**
 * Copy the importer could not place, each with one-click targets; photo captions show their
 * image, notes to editors are marked as such. A target the text cannot fit is unavailable and
 * says why; after a placement, focus moves to the next item so the keyboard never loses its place.
 */
export function UnplacedList({ proposal, onPlace, onEmptied }: Props) {
  const items = proposal.unplaced
  const list = useRef<HTMLElement>(null)
  const headingId = useId()
  if (items.length === 0) return null
  const handlePlace = (index: number, target: PlaceTarget) => {
    onPlace(index, target)
    // After React renders the shorter list: the same position holds the next item.
    requestAnimationFrame(() => {
      const groups = list.current?.querySelectorAll<HTMLElement>('[role="group"]') ?? []
      const next = groups[Math.min(index, groups.length - 1)]?.querySelector<HTMLButtonElement>(
        'button:not([aria-disabled="true"])',
      )
      const heading = list.current?.querySelector<HTMLElement>('h3')
      if (next) next.focus()
      else if (heading) heading.focus()
      else onEmptied()
    })
  }
  return (
    <section className="import-unplaced" aria-labelledby={headingId} ref={list}>
      <h3 id={headingId} tabIndex={-1}>
        Not placed ({items.length})
      </h3>
      <ul>
        {items.map((item, i) => {
          const problems = TARGETS.map(
            ([target, label]) => [target, label, placementProblem(proposal, i, target)] as const,
          )
          const reasonsId = `unplaced-${i}-reasons`
          const blocked = problems.filter(([, , problem]) => problem)
          return (
            <li
              key={`${i}-${item.text.slice(0, 20)}`}
              aria-label={`Not placed: ${item.text.slice(0, 120)}`}
            >
              <p className="unplaced-text">
                {KINDS[item.kind] && (
                  <span className={`unplaced-kind ${item.kind}`}>{KINDS[item.kind]}</span>
                )}
                {item.text}
              </p>
              {(item.image || item.credit) && (
                <p className="unplaced-meta">
                  {item.credit && <span>Credit: {item.credit}</span>}
                  {item.image && (
                    <span>
                      Image: <code>{item.image}</code>
                    </span>
                  )}
                </p>
              )}
              <div className="unplaced-actions" role="group" aria-label="Place it">
                {problems.map(([target, label, problem]) => (
                  <button
                    key={target}
                    type="button"
                    className={`chip${target === 'drop' ? ' chip-quiet' : ''}`}
                    aria-label={`${label}: ${item.text.slice(0, 60)}`}
                    aria-disabled={problem ? true : undefined}
                    aria-describedby={problem ? reasonsId : undefined}
                    title={problem ?? undefined}
                    onClick={() => !problem && handlePlace(i, target)}
                  >
                    {label}
                  </button>
                ))}
              </div>
              {blocked.length > 0 && (
                <p id={reasonsId} className="unplaced-reasons">
                  {blocked.map(([target, label, problem]) => (
                    <span key={target}>
                      {label}: {problem}
                    </span>
                  ))}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
