/** An sRGB colour as the tokens file writes it: `#rgb` or `#rrggbb`. */
export function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!match?.[1]) throw new Error(`"${hex}" is not a #rgb or #rrggbb colour`)
  const digits = match[1]
  const full =
    digits.length === 3
      ? digits
          .split('')
          .map((d) => d + d)
          .join('')
      : digits
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number]
}

/** WCAG 2.2 relative luminance (the sRGB formula of the contrast-minimum definition). */
function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** The WCAG contrast ratio of two opaque colours, from 1 to 21. */
export function contrastRatio(foreground: string, background: string): number {
  const a = relativeLuminance(parseHexColour(foreground))
  const b = relativeLuminance(parseHexColour(background))
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}
