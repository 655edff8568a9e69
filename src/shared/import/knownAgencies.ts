/**
 * News agencies as they sign copy, in the scripts they sign in. Used to tell an agency in a
 * dateline or byline ("(AP)", "Von Christian Hollmann, dpa") from a person or a party in brackets.
 */
const AGENCIES = [
  'AP',
  'Associated Press',
  'Reuters',
  'AFP',
  'dpa',
  'dpa-AFX',
  'epd',
  'KNA',
  'APA',
  'SDA',
  'Keystone-SDA',
  'NTB',
  'TT',
  'STT',
  'Ritzau',
  'ANP',
  'Belga',
  'ANSA',
  'EFE',
  'Europa Press',
  'Lusa',
  'PAP',
  'CTK',
  'MTI',
  'IANS',
  'PTI',
  'ANI',
  'UNI',
  'Bernama',
  'Antara',
  'Yonhap',
  'Kyodo',
  'Jiji',
  'Xinhua',
  'TASS',
  'RIA Novosti',
  'Interfax',
  'Anadolu',
  'AAP',
  'CP',
  'Canadian Press',
  'PA',
  'PA Media',
  'Bloomberg',
  'UPI',
  'WAFA',
  'MENA',
  'SPA',
  'WAM',
  'QNA',
  'KUNA',
  'IRNA',
  '共同',
  '時事',
  '新华社',
  '新華社',
  '中央社',
  '연합뉴스',
  'ТАСС',
  'РИА Новости',
  'Интерфакс',
  'رويترز',
  'أ ف ب',
  'آئی اے این ایس',
  'आईएएनएस',
  'पीटीआई',
]
const KNOWN = new Set(AGENCIES.map((name) => name.toLowerCase()))

/** True for an agency's name or signature ("AP", "dpa", "Reuters", "共同"), in any case. */
export function isKnownAgency(name: string): boolean {
  return KNOWN.has(name.trim().toLowerCase())
}

/**
 * True for what an agency signature looks like when the agency is not on the list: one to three
 * words, capitalised or in an uncased script, short ("NZPA", "Kyodo News").
 */
export function looksLikeAgency(name: string): boolean {
  const clean = name.trim()
  if (isKnownAgency(clean)) return true
  if (clean.length < 2 || clean.length > 30) return false
  const words = clean.split(/\s+/)
  return (
    words.length <= 3 &&
    words.every((word) => /^[\p{Lu}\p{Lo}][\p{L}\p{M}\p{N}.&/-]*$/u.test(word)) &&
    /^[\p{Lu}\p{Lo}\p{N}.&/ -]+$/u.test(words[0] ?? '')
  )
}
