/** Scripts that name their language well enough to default it; Latin and Cyrillic text is left to the desk. */
const SCRIPTS: [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
]

/**
 * The language of a text told by its script, when most of its letters are in one that names a
 * language (Japanese kana, Hangul, Thai...). '' when it cannot tell: the desk's default applies.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 2000)
  const letters = sample.match(/\p{L}/gu)?.length ?? 0
  if (letters < 5) return ''
  for (const [script, language] of SCRIPTS) {
    const count = sample.match(new RegExp(script.source, 'gu'))?.length ?? 0
    if (count / letters > 0.3) return language
  }
  return ''
}
