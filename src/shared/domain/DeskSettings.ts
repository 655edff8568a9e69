import { z } from 'zod'
import { isTimeZone } from './deskTime'

/** A link's rel attribute: known keywords, separated by spaces (empty for none). */
const LinkRel = z
  .string()
  .trim()
  .max(100)
  .regex(
    /^((nofollow|noopener|noreferrer|sponsored|ugc|external|noindex)( +|$))*$/,
    'Use rel keywords separated by spaces: nofollow, noopener, noreferrer, sponsored, ugc, external, noindex',
  )

/**
 * A CMS target's address: http(s), with no user name or password in it. Credentials in the URL
 * would be stored and shown with the settings, and fetch refuses such URLs, so every push would
 * fail; the secret has its own field.
 */
const CmsUrl = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/ }).refine((url) => {
    try {
      const parsed = new URL(url)
      return parsed.username === '' && parsed.password === ''
    } catch {
      return false
    }
  }, 'Leave the user name and password out of the address (https://user:pass@…): put the user and the password or token in their own fields'),
])

/** Update channels of the generic feed: latest*.yml (stable releases) or beta*.yml. */
export const UpdateChannel = z.enum(['latest', 'beta'])
export type UpdateChannel = z.infer<typeof UpdateChannel>

/**
 * Updates of the installed desktop app. A desk that rolls out software itself turns them off; a
 * desk that tries releases early pins the beta channel (which also gets every stable release).
 */
export const UpdateSettings = z.object({
  enabled: z.boolean().default(true),
  channel: UpdateChannel.default('latest'),
})
export type UpdateSettings = z.infer<typeof UpdateSettings>

/** The desk's house rules, kept in the data folder and shared by every window. */
export const DeskSettings = z
  .object({
    headlineLimit: z.number().int().min(20).max(300).default(70),
    summaryLimit: z.number().int().min(50).max(2000).default(200),
    keyPointsMin: z.number().int().min(0).max(20).default(3),
    keyPointsMax: z.number().int().min(1).max(20).default(5),
    /** Reader comments under published stories; 50 characters at least, as on the fixture's site. */
    commentsEnabled: z.boolean().default(true),
    commentMinLength: z.number().int().min(0).max(5000).default(50),
    /** BCP 47 language of the desk's copy, written into exports. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .default('en'),
    /** ninjs copyrightHolder / copyrightNotice for the desk's own copy; an agency's item keeps its own. */
    copyrightHolder: z.string().trim().max(300).default(''),
    copyrightNotice: z.string().trim().max(1000).default(''),
    /** An author cannot approve their own story. */
    fourEyes: z.boolean().default(true),
    /** Where pushes go. Tokens and passwords are not here: they are kept apart, encrypted where the OS allows. */
    webhookUrl: CmsUrl.default(''),
    /**
     * How the webhook carries the pictures' renditions: `base64`, their bytes in the JSON (works with
     * no public address, a third larger), or `links`, an address the receiving CMS fetches each from.
     */
    webhookPictures: z.enum(['base64', 'links']).default('base64'),
    /**
     * For `links` from a workstation: the public address of a folder the desk's web server serves,
     * and that folder on this computer (renditions are copied there, by content, before the push).
     */
    webhookPicturesUrl: CmsUrl.default(''),
    webhookPicturesFolder: z
      .string()
      .trim()
      .max(1000)
      .refine(
        (folder) => folder === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(folder),
        'Give the whole path of the folder (starting with / or a drive letter)',
      )
      .default(''),
    wordpressUrl: CmsUrl.default(''),
    wordpressUser: z.string().max(200).default(''),
    wordpressStatus: z.enum(['draft', 'pending', 'publish']).default('draft'),
    /** Where the deck goes in a WordPress post: a standfirst paragraph above the body, or the excerpt. */
    wordpressDeck: z.enum(['standfirst', 'excerpt']).default('standfirst'),
    /** rel of links in the body of a WordPress post, e.g. "noopener noreferrer nofollow". */
    wordpressLinkRel: LinkRel.default('noopener noreferrer nofollow'),
    /** rel of the links of the sources printed under a WordPress post: no nofollow by default. */
    wordpressSourceRel: LinkRel.default('noopener noreferrer'),
    /** Chromium spellchecker languages, e.g. en-US, en-GB, hi. */
    spellcheckLanguages: z
      .array(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/))
      .max(5)
      .default(['en-US']),
    /** Pictures over either limit are refused from their header, before anything decodes them. */
    pictureMaxMegabytes: z.number().min(1).max(100).default(50),
    pictureMaxMegapixels: z.number().min(1).max(1000).default(100),
    /** JPEG/WebP quality of the web rendition made on import (1 to 100). */
    pictureWebQuality: z.number().int().min(1).max(100).default(82),
    /** What renditions keep of the original's metadata; GPS, serial numbers and all other EXIF always go. */
    pictureKeepCopyright: z.boolean().default(true),
    pictureKeepCredit: z.boolean().default(true),
    /** A lead picture narrower than this (its stored original, in pixels) is flagged by the checks. */
    pictureMinLeadWidth: z.number().int().min(0).max(20_000).default(1200),
    /** The desk's IANA time zone for embargoes, schedules and datelines; empty: the computer's. */
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine(
        (zone) => zone === '' || isTimeZone(zone),
        'Use an IANA time zone name such as Europe/Oslo or Asia/Kolkata (empty: the computer’s)',
      )
      .default(''),
    updates: UpdateSettings.default({ enabled: true, channel: 'latest' }),
  })
  .refine((s) => s.keyPointsMin <= s.keyPointsMax, {
    message: 'The fewest key points cannot exceed the most',
    path: ['keyPointsMin'],
  })
export type DeskSettings = z.infer<typeof DeskSettings>

export const DEFAULT_DESK_SETTINGS: DeskSettings = DeskSettings.parse({})

/**
 * What a settings save must send: every setting, and nothing else. Without this, a stray payload
 * would parse into all the defaults and quietly reset the desk's rules.
 */
export const DeskSettingsInput = z
  .record(z.string(), z.unknown())
  .refine((data) => Object.keys(DeskSettings.shape).every((key) => key in data), {
    message: 'Every setting must be sent',
  })
  .pipe(DeskSettings.strict())
