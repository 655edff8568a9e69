import { describe, expect, it } from 'vitest'
import { compareVersions, parseVersion } from './compareVersions'

describe('compareVersions (semantic-version precedence)', () => {
  it('orders releases and pre-releases as semver.org does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ]
    for (let i = 0; i < ordered.length - 1; i++) {
      const [older, newer] = [ordered[i] ?? '', ordered[i + 1] ?? '']
      expect(compareVersions(older, newer), `${older} < ${newer}`).toBe(-1)
      expect(compareVersions(newer, older), `${newer} > ${older}`).toBe(1)
    }
    expect(compareVersions('v1.2.3', '1.2.3+build.7')).toBe(0)
  })

  it('refuses what is not a version, naming it', () => {
    expect(parseVersion('1.2')).toBeNull()
    expect(() => compareVersions('1.2.3', 'latest')).toThrow('Not a semantic version: latest')
  })
})
