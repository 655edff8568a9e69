import { performance } from 'node:perf_hooks'
import type { Article } from '../src/shared/domain/Article'
import { countWords, docText } from '../src/shared/domain/countWords'
import type { DocNode } from '../src/shared/domain/DocNode'
import type { Row } from './benchTable'

/** Words of stories written without spaces: Japanese (with its particles), Chinese, Thai. */
const SCRIPTS = {
  ja: {
    words: [
      '政府',
      '首脳',
      '会談',
      '東京',
      '半導体',
      '供給網',
      '強化',
      '協力',
      '確認',
      '経済',
      '安全保障',
      '発表',
      '市場',
      '企業',
      '投資',
      '拡大',
      '方針',
      '地域',
      '関係',
      '人工知能',
    ],
    glue: ['は', 'で', 'を', 'の', 'が', 'に', 'と'],
    end: '。',
    language: 'ja',
  },
  zh: {
    words: [
      '政府',
      '今天',
      '宣布',
      '经济',
      '发展',
      '计划',
      '市场',
      '企业',
      '投资',
      '增长',
      '国际',
      '合作',
      '会议',
      '北京',
      '上海',
      '科技',
      '人工智能',
      '芯片',
    ],
    glue: ['的', '在', '和', '了', '将'],
    end: '。',
    language: 'zh',
  },
  th: {
    words: [
      'รัฐบาล',
      'ประกาศ',
      'แผน',
      'เศรษฐกิจ',
      'ใหม่',
      'วันจันทร์',
      'ตลาด',
      'บริษัท',
      'การลงทุน',
      'เติบโต',
      'กรุงเทพ',
      'ความร่วมมือ',
    ],
    glue: ['และ', 'ของ', 'ใน', 'ที่'],
    end: ' ',
    language: 'th',
  },
} as const

/**
 * `corpus` with every tenth article rewritten in Japanese, Chinese or Thai (in turn), about as
 * long in characters as it was in words, so measures see a desk that also files in those scripts.
 */
export function withCjkShare(corpus: Article[], random: () => number): Article[] {
  const keys = ['ja', 'zh', 'th'] as const
  return corpus.map((article, i) => {
    if (i % 10 !== 9) return article
    const script = SCRIPTS[keys[((i / 10) % 3) | 0] ?? 'ja']
    const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] ?? ''
    const sentence = () =>
      Array.from(
        { length: 6 + Math.floor(random() * 10) },
        () => pick(script.words) + pick(script.glue),
      ).join('') + script.end
    const content: DocNode[] = (article.body.content ?? []).map((node) =>
      node.type === 'paragraph'
        ? {
            type: 'paragraph',
            content: [{ type: 'text', text: Array.from({ length: 4 }, sentence).join('') }],
          }
        : node,
    )
    return {
      ...article,
      language: script.language,
      headline: sentence(),
      body: { type: 'doc', content },
    }
  })
}

/**
 * Word counts of long Japanese, Chinese and Thai stories: the first count (an index build, an
 * import), a count of the same text again, and one after a character is typed (the editor).
 */
export function benchWordCount(corpus: Article[]): Row[] {
  const texts = corpus
    .filter((a) => a.language !== '')
    .slice(0, 30)
    .map((a) => docText(a.body))
  const characters = Math.round(texts.reduce((sum, t) => sum + t.length, 0) / texts.length)
  const time = (run: () => void, rounds = 1) => {
    const start = performance.now()
    for (let r = 0; r < rounds; r += 1) run()
    return (performance.now() - start) / (rounds * texts.length)
  }
  // The first segmentation loads ICU's dictionaries: not part of any story's count.
  countWords('東京で会談。กรุงเทพ')
  const first = time(() => texts.forEach((text) => countWords(text)))
  const again = time(() => texts.forEach((text) => countWords(text)), 20)
  const typed = time(() => texts.forEach((text) => countWords(`${text}新`)))
  const row = (measure: string, ms: number): Row => ({
    measure,
    value: `${ms.toFixed(2)} ms/story`,
    baseline: '',
    ratio: '',
    target: '',
    pass: true,
  })
  return [
    row(
      `word count, ${texts.length} Japanese/Chinese/Thai stories of ${characters} characters, first count`,
      first,
    ),
    row('word count, the same stories again (the editor, nothing changed)', again),
    row('word count, the same stories with a character typed', typed),
  ]
}
