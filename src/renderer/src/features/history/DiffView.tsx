import type { ArticleDiff } from '../../../../shared/domain/diffArticles'

/** Changed fields side by side, and the body with its insertions and deletions marked. */
export function DiffView({ diff }: { diff: ArticleDiff }) {
  if (diff.fields.length === 0 && !diff.bodyChanged)
    return <p className="muted small">No differences.</p>
  return (
    <div className="diff" aria-label="Differences">
      {diff.fields.map((change) => (
        <section key={change.field} className="diff-field" aria-label={`${change.label} changed`}>
          <h3>{change.label}</h3>
          <Removed>{change.before || '(empty)'}</Removed>
          <Added>{change.after || '(empty)'}</Added>
        </section>
      ))}
      {diff.bodyChanged && (
        <section className="diff-field" aria-label="Body changed">
          <h3>Body</h3>
          <p className="diff-body">
            {diff.body.map((part, i) =>
              part.change === 'added' ? (
                <Added key={i}>{part.text}</Added>
              ) : part.change === 'removed' ? (
                <Removed key={i}>{part.text}</Removed>
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

/*
 * Screen readers do not say <ins> and <del>: the words around them do, in text that is hidden
 * from sight only (kept outside the marks, so the marked text stays exactly what changed).
 */
function Added({ children }: { children: string }) {
  return (
    <>
      <span className="visually-hidden">[added: </span>
      <ins>{children}</ins>
      <span className="visually-hidden">] </span>
    </>
  )
}

function Removed({ children }: { children: string }) {
  return (
    <>
      <span className="visually-hidden">[removed: </span>
      <del>{children}</del>
      <span className="visually-hidden">] </span>
    </>
  )
}

/** Long unchanged stretches are shortened to their ends, so the changes stand out. */
function clip(text: string): string {
  if (text.length <= 160) return text
  return `${text.slice(0, 70)} … ${text.slice(-70)}`
}
