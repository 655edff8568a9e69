// @vitest-environment node
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import tokensCss from './tokens.css?raw'
import { contrastRatio } from './contrastRatio'
import { DECORATIVE_TOKENS, TOKEN_PAIRS } from './tokenPairs'

/** The custom properties of one `:root { … }` block of the tokens file. */
function declarations(block: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    if (match[1] && match[2]) found.set(match[1], match[2].trim())
  }
  return found
}

function themes(css: string): { light: Map<string, string>; dark: Map<string, string> } {
  const darkAt = css.indexOf('@media (prefers-color-scheme: dark)')
  if (darkAt < 0) throw new Error('tokens.css has no dark theme block')
  const light = declarations(css.slice(0, darkAt))
  // The dark theme overrides the light one; what it leaves out (fonts) is inherited.
  const dark = new Map([...light, ...declarations(css.slice(darkAt))])
  return { light, dark }
}

const isHex = (value: string) => /^#[0-9a-f]{3,6}$/i.test(value)

describe('design tokens: WCAG contrast of every declared pair', () => {
  const { light, dark } = themes(tokensCss)

  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`every pair meets its minimum in the ${name} theme`, () => {
      const failures = TOKEN_PAIRS.flatMap((pair) => {
        const fg = theme.get(pair.foreground)
        const bg = theme.get(pair.background)
        if (!fg || !bg) return [`${pair.foreground} on ${pair.background}: token missing`]
        const ratio = contrastRatio(fg, bg)
        return ratio >= pair.minimum
          ? []
          : [
              `${pair.foreground} ${fg} on ${pair.background} ${bg} (${pair.use}): ${ratio.toFixed(2)}:1 < ${pair.minimum}:1`,
            ]
      })
      expect(failures).toEqual([])
    })
  }

  it('names every colour token in a pair or as decorative, so a new token cannot skip the check', () => {
    const paired = new Set(TOKEN_PAIRS.flatMap((pair) => [pair.foreground, pair.background]))
    const colourTokens = [...light].filter(([, value]) => isHex(value)).map(([token]) => token)
    const unchecked = colourTokens.filter(
      (token) => !paired.has(token) && !(token in DECORATIVE_TOKENS),
    )
    expect(unchecked).toEqual([])
  })

  it('gives both themes the same colour tokens, as hex values the check can read', () => {
    const names = (theme: Map<string, string>) =>
      [...theme].filter(
        ([token]) =>
          !token.startsWith('--font') && !token.startsWith('--shadow') && token !== '--backdrop',
      )
    expect(names(light).filter(([, value]) => !isHex(value))).toEqual([])
    expect(names(dark).filter(([, value]) => !isHex(value))).toEqual([])
    expect(
      names(dark)
        .map(([token]) => token)
        .sort(),
    ).toEqual(
      names(light)
        .map(([token]) => token)
        .sort(),
    )
  })
})

describe('stylesheets take their colours from the tokens', () => {
  const sheets = import.meta.glob<string>(['../**/*.css', '!./tokens.css'], {
    query: '?raw',
    import: 'default',
    eager: true,
  })

  it('finds the stylesheets', () => {
    expect(Object.keys(sheets).length).toBeGreaterThan(10)
  })

  it('has no literal colour outside tokens.css (system colours in forced-colors mode excepted)', () => {
    const literals = Object.entries(sheets).flatMap(([file, css]) =>
      [...css.matchAll(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|oklch|lab)\(/gi)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    )
    expect(literals).toEqual([])
  })
})

describe('contrastRatio', () => {
  it('gives the WCAG extremes and a known pair', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5)
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })
})
