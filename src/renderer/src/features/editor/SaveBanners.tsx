import type { Article, EditableFields } from '../../../../shared/domain/Article'
import { ConflictBanner } from './ConflictBanner'
import type { SaveState } from './SaveState'

type Props = {
  state: SaveState
  /** The text in this window, to compare with the saved version on a conflict. */
  mine: EditableFields
  onKeepMine: (current: Article) => void
  onTakeTheirs: (current: Article) => void
}

/** Why the last save did not land, in full, with what the editor can do about it. */
export function SaveBanners({ state, mine, onKeepMine, onTakeTheirs }: Props) {
  if (state.kind === 'failed') {
    return (
      // Not an alert: it goes and comes back with every retry; SaveIndicator announces it once.
      <p className="save-error" role="region" aria-label="Save failed">
        <strong>Save failed:</strong> {state.reason}{' '}
        {state.retryAt === null
          ? 'Your text is kept here; change it and it is saved again.'
          : 'Your text is safe in this window and is saved as soon as the store answers.'}
      </p>
    )
  }
  if (state.kind === 'conflict') {
    return (
      <ConflictBanner
        current={state.current}
        mine={mine}
        onKeepMine={() => onKeepMine(state.current)}
        onTakeTheirs={() => onTakeTheirs(state.current)}
      />
    )
  }
  return null
}
