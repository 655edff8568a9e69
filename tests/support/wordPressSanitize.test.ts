import { describe, expect, it } from 'vitest'
import { sanitizeTitle } from './wordPressSanitize'

describe('the fake’s sanitize_title, against WordPress’s own formatting tests', () => {
  it('strips tags, keeps escaped octets, lowers case, folds whitespace (Tests_Formatting_SanitizeTitleWithDashes)', () => {
    expect(sanitizeTitle('Captain <strong>Awesome</strong>')).toBe('captain-awesome')
    expect(sanitizeTitle('fran%c3%a7%ois')).toBe('fran%c3%a7ois')
    expect(sanitizeTitle('ABC')).toBe('abc')
    expect(sanitizeTitle('a          t')).toBe('a-t')
    expect(sanitizeTitle('penn &amp; teller bie')).toBe('penn-teller-bie')
    expect(sanitizeTitle('Café déjà vu')).toBe('cafe-deja-vu')
  })

  it('percent-encodes non-Latin letters as WordPress stores them, instead of dropping them (bug: a Hindi slug became "")', () => {
    expect(sanitizeTitle('भारत-जापान-वार्ता')).toBe(
      encodeURIComponent('भारत-जापान-वार्ता').toLowerCase(),
    )
    expect(sanitizeTitle('भारत')).toBe('%e0%a4%ad%e0%a4%be%e0%a4%b0%e0%a4%a4')
    // utf8_uri_encode stops at 200 encoded characters, never inside a letter.
    const long = sanitizeTitle('भ'.repeat(40))
    expect(long.length).toBe(198)
    expect(decodeURIComponent(long)).toBe('भ'.repeat(22))
  })
})
