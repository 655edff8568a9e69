/** The words newsroom copy is mostly made of, most frequent first. */
const COMMON =
  `the of and to in a said on for that is with was as by at it from has have will be are an
this which their its not but were they also had been more after over who new would minister government
year percent two first last state people country police court party election budget official week
security trade economy india japan delhi tokyo quad dialogue partnership energy semiconductor summit
agreement cooperation regional supply chain critical minerals investment policy framework capital
parliament monsoon harvest verdict ministry bank market prices growth infrastructure connectivity
district chief opposition leader talks visit foreign defence border rail port power water health
school farmers workers companies billion million crore rupees report data according spokesman
statement meeting sources added further during against between since under while before among`
    .split(/\s+/)
    .filter(Boolean)

const ONSETS = [
  '',
  'b',
  'ch',
  'd',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'sh',
  't',
  'v',
  'y',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'aa', 'ee', 'ai']
const CODAS = ['', '', 'n', 'r', 'm', 'sh', 'l', 't']

/**
 * A seeded vocabulary with a Zipf distribution (the k-th word about 1/k as frequent as the first),
 * as real copy has: a few hundred words everywhere, tens of thousands of names and rare words.
 */
export function vocabulary(
  random: () => number,
  size = 40_000,
): { words: string[]; draw: () => string } {
  const words = [...COMMON]
  const seen = new Set(words)
  while (words.length < size) {
    const syllables = 2 + Math.floor(random() * 3)
    let word = ''
    for (let s = 0; s < syllables; s += 1)
      word +=
        pick(ONSETS, random) +
        pick(VOWELS, random) +
        (s === syllables - 1 ? pick(CODAS, random) : '')
    if (!seen.has(word)) {
      seen.add(word)
      words.push(word)
    }
  }
  const cumulative = new Float64Array(words.length)
  let total = 0
  for (let rank = 0; rank < words.length; rank += 1) {
    total += 1 / (rank + 1) ** 1.05
    cumulative[rank] = total
  }
  const draw = () => {
    const target = random() * total
    let low = 0
    let high = words.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((cumulative[middle] ?? 0) < target) low = middle + 1
      else high = middle
    }
    return words[low] ?? 'news'
  }
  return { words, draw }
}

function pick(list: string[], random: () => number): string {
  return list[Math.floor(random() * list.length)] ?? ''
}
