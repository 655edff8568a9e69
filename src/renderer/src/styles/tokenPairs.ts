/**
 * Every foreground/background pair of colour tokens the stylesheets put together, with the WCAG
 * minimum it must meet in both themes: 4.5 for text (placeholders included), 3 for large text and
 * for what identifies a control or its state (field borders, focus rings, pressed and chosen
 * states). tokenContrast.test.ts computes each ratio from tokens.css; a colour token that no pair
 * names must be listed in DECORATIVE_TOKENS with the reason it needs no contrast.
 */
export type TokenPair = {
  foreground: string
  background: string
  minimum: 4.5 | 3
  /** Where the pair is seen, so a failure says what to look at. */
  use: string
}

const TEXT = 4.5
const UI = 3

const surfaces = ['--bg', '--panel', '--panel-2'] as const

const onSurfaces = (foreground: string, minimum: 4.5 | 3, use: string): TokenPair[] =>
  surfaces.map((background) => ({ foreground, background, minimum, use }))

export const TOKEN_PAIRS: readonly TokenPair[] = [
  ...onSurfaces('--ink', TEXT, 'body text'),
  ...onSurfaces('--ink-2', TEXT, 'secondary text'),
  ...onSurfaces('--muted', TEXT, 'labels, counts, metadata'),
  ...onSurfaces('--placeholder', TEXT, 'placeholders in fields and the body'),
  ...onSurfaces('--accent', TEXT, 'reading time, dateline, field errors'),
  ...onSurfaces('--focus', TEXT, 'links and link buttons'),
  ...onSurfaces('--ok', TEXT, 'a passed check, a sent push'),
  ...onSurfaces('--warn', TEXT, 'over-the-limit counts, warnings'),
  ...onSurfaces('--bad', TEXT, 'errors, failed saves'),
  ...onSurfaces('--field-line', UI, 'field, select and token-box borders'),
  ...onSurfaces('--focus', UI, 'the focus ring'),
  {
    foreground: '--focus',
    background: '--selected',
    minimum: UI,
    use: 'focus ring on a chosen item',
  },
  {
    foreground: '--ink',
    background: '--selected',
    minimum: TEXT,
    use: 'the open story in the list, tokens',
  },
  {
    foreground: '--muted',
    background: '--selected',
    minimum: TEXT,
    use: 'meta line of the open story, token remove',
  },
  {
    foreground: '--accent',
    background: '--selected',
    minimum: TEXT,
    use: 'a pressed toolbar button',
  },
  {
    foreground: '--accent',
    background: '--panel-2',
    minimum: UI,
    use: "a pressed toolbar button's border",
  },
  {
    foreground: '--accent',
    background: '--panel',
    minimum: UI,
    use: "the open story's border, pressed app-bar button",
  },
  {
    foreground: '--field-line',
    background: '--panel-2',
    minimum: UI,
    use: 'the chosen tab or view segment',
  },
  ...(['--info-bg', '--ok-bg', '--warn-bg', '--bad-bg'] as const).map((background): TokenPair => ({
    foreground: '--focus',
    background,
    minimum: UI,
    use: 'focus ring on a control inside a tinted banner',
  })),
  { foreground: '--accent-ink', background: '--accent', minimum: TEXT, use: 'primary buttons' },
  { foreground: '--panel', background: '--ink', minimum: TEXT, use: 'a pressed queue filter' },
  { foreground: '--panel', background: '--ink-2', minimum: TEXT, use: 'the profile avatar' },
  { foreground: '--on-tone', background: '--bad', minimum: TEXT, use: 'error check icon' },
  { foreground: '--on-tone', background: '--warn', minimum: TEXT, use: 'warning check icon' },
  { foreground: '--info', background: '--info-bg', minimum: TEXT, use: 'the Submitted pill' },
  {
    foreground: '--ok',
    background: '--ok-bg',
    minimum: TEXT,
    use: 'Approved and Published pills, badges',
  },
  {
    foreground: '--warn',
    background: '--warn-bg',
    minimum: TEXT,
    use: 'Changes requested pill, badges',
  },
  {
    foreground: '--bad',
    background: '--bad-bg',
    minimum: TEXT,
    use: 'Killed and Spiked pills, badges',
  },
  {
    foreground: '--info-ink',
    background: '--info-bg',
    minimum: TEXT,
    use: 'locked and read-only banners',
  },
  { foreground: '--ok-ink', background: '--ok-bg', minimum: TEXT, use: 'added text in a diff' },
  {
    foreground: '--warn-ink',
    background: '--warn-bg',
    minimum: TEXT,
    use: 'problem and changes-requested banners',
  },
  {
    foreground: '--bad-ink',
    background: '--bad-bg',
    minimum: TEXT,
    use: 'conflict, save-error and kill banners',
  },
  {
    foreground: '--ink',
    background: '--warn-bg',
    minimum: TEXT,
    use: "the desk chief's note on a story",
  },
  {
    foreground: '--accent',
    background: '--bad-bg',
    minimum: TEXT,
    use: 'import failure text in a kill warning',
  },
]

/** Colour tokens no text or control boundary depends on, and why. */
export const DECORATIVE_TOKENS: Readonly<Record<string, string>> = {
  '--line': 'separators between regions; regions are told apart by their content',
  '--line-strong': 'button outlines and pills, which are identified by their text',
  '--info-line': 'the border of a tinted banner or pill whose text carries the meaning',
  '--ok-line': 'the border of a tinted banner or pill whose text carries the meaning',
  '--warn-line': 'the border of a tinted banner or pill whose text carries the meaning',
  '--bad-line': 'the border of a tinted banner or pill whose text carries the meaning',
}
