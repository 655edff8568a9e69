import type { EditableFields } from '../../../../shared/domain/Article'
import { countWords } from '../../../../shared/domain/countWords'
import type { Publication } from '../../../../shared/export/Publication'

type Props = { fields: EditableFields; publication: Publication; bodyCharacters: number }

/** Words and characters for the body and each text field, and the reading time. */
export function CountsPanel({ fields, publication, bodyCharacters }: Props) {
  const rows: [string, string][] = [
    ['Headline', fields.headline],
    ['Deck', fields.deck],
    ['Summary', fields.summary],
    ['Key points', fields.keyPoints.items.join(' ')],
  ]
  return (
    <section className="panel counts" aria-labelledby="counts-title">
      <h2 id="counts-title" className="panel-title">
        Length <span className="reading-time">{publication.readingTime.label}</span>
      </h2>
      <table className="counts-table">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Words</th>
            <th scope="col">Characters</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Body</th>
            <td>{publication.wordCount.toLocaleString('en-US')}</td>
            <td>{bodyCharacters.toLocaleString('en-US')}</td>
          </tr>
          {rows.map(([label, text]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{countWords(text)}</td>
              <td>{text.trim().length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
