import type { Unplaced } from '../../../../shared/import/ImportProposal'
import type { PlaceTarget } from '../../../../shared/import/placeUnplaced'

type Props = { items: Unplaced[]; onPlace: (index: number, target: PlaceTarget) => void }

const TARGETS: [PlaceTarget, string][] = [
  ['deck', 'Deck'],
  ['summary', 'Summary'],
  ['bodyStart', 'Body start'],
  ['keyPoint', 'Key point'],
  ['drop', 'Drop'],
]

/** Copy the importer could not place, each with one-click targets; photo captions show their image. */
export function UnplacedList({ items, onPlace }: Props) {
  if (items.length === 0) return null
  return (
    <section className="import-unplaced" aria-labelledby="unplaced-title">
      <h3 id="unplaced-title">Not placed ({items.length})</h3>
      <ul>
        {items.map((item, i) => (
          <li key={`${i}-${item.text.slice(0, 20)}`} aria-label={`Not placed: ${item.text}`}>
            <p className="unplaced-text">
              {item.kind === 'caption' && <span className="unplaced-kind">Photo caption</span>}
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
              {TARGETS.map(([target, label]) => (
                <button
                  key={target}
                  type="button"
                  className={`chip${target === 'drop' ? ' chip-quiet' : ''}`}
                  aria-label={`${label}: ${item.text.slice(0, 60)}`}
                  onClick={() => onPlace(i, target)}
                >
                  {label}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
