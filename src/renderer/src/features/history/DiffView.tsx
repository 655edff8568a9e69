import type { ArticleDiff } from '../../../../shared/domain/diffArticles'

/** Changed fields side by side, and the body with its insertions and deletions marked. */
export function DiffView({ diff }: { diff: ArticleDiff }) {
  if (diff.fields.length === 0 && !diff.bodyChanged)
    return <p className="muted small">No differences.</p>
  return (
    <div className="diff" aria-label="Differences">
      {diff.fields.map((change) => (
        <section key={change.field} className="diff-field" aria-label={`${change.label} changed`}>
          <h4>{change.label}</h4>
          <del>{change.before || '(empty)'}</del>
          <ins>{change.after || '(empty)'}</ins>
        </section>
      ))}
      {diff.bodyChanged && (
        <section className="diff-field" aria-label="Body changed">
          <h4>Body</h4>
          <p className="diff-body">
            {diff.body.map((part, i) =>
              part.change === 'added' ? (
                <ins key={i}>{part.text}</ins>
              ) : part.change === 'removed' ? (
                <del key={i}>{part.text}</del>
              ) : (
                <span key={i}>{clip(part.text)}</span>
              ),
            )}
          </p>
        </section>
      )}
    </div>
  )
}

/** Long unchanged stretches are shortened to their ends, so the changes stand out. */
function clip(text: string): string {
  if (text.length <= 160) return text
  return `${text.slice(0, 70)} … ${text.slice(-70)}`
}
