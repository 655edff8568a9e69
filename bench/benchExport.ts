import { performance } from 'node:perf_hooks'
import type { Article } from '../src/shared/domain/Article'
import { toNinjs } from '../src/shared/export/toNinjs'
import { toPublishJson } from '../src/shared/export/toPublishJson'
import { validateExport } from '../src/main/export/schemaValidators'
import type { Row } from './benchTable'

/** Maps every article to both export formats and validates each against its schema. */
export function benchExport(corpus: Article[], label = ''): Row[] {
  return (['copydesk', 'ninjs'] as const).map((format) => {
    const start = performance.now()
    let valid = 0
    for (const article of corpus) {
      const approved: Article = {
        ...article,
        status: 'approved',
        approval: { by: 'Bench', at: article.createdAt },
      }
      const document =
        format === 'copydesk'
          ? toPublishJson(approved, {
              exportedAt: article.createdAt,
              generator: 'bench',
              comments: { enabled: true, minLength: 50 },
            })
          : toNinjs(approved, { language: 'en', uriBase: 'urn:copydesk:article:' })
      if (validateExport(format, document).length === 0) valid += 1
    }
    const seconds = (performance.now() - start) / 1000
    return {
      measure: `export + validate, ${format}, ${corpus.length} articles${label ? `, ${label}` : ''}`,
      value: `${Math.round(corpus.length / seconds)} articles/s`,
      baseline: `${valid} valid`,
      ratio: '',
      target: '',
      pass: valid === corpus.length,
    }
  })
}
