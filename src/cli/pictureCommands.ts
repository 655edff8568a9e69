import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { LeadPicture } from '../shared/domain/LeadPicture'
import { AppError } from '../shared/ipc/AppError'
import type { AddPictureOutput, StoryPicture } from '../shared/ipc/calls/pictureCalls'
import { parseInput } from '../shared/ipc/parseInput'
import { checkPictureBytes } from '../shared/media/checkPicture'
import { pictureLimitsOf } from '../shared/media/PictureLimits'
import type { PictureRecord } from '../shared/media/PictureRecord'
import { PICTURE_FORMATS } from '../shared/media/PictureType'
import type { CliCommand, CommandContext } from './CliCommand'
import { EXIT } from './ConfigIo'
import { fail, showCall } from './showCall'

/** `copydesk picture add|list`: a story's pictures, for desks that automate (issue 16). */
export const PICTURE_COMMAND: CliCommand = {
  name: 'picture',
  help: [
    {
      synopsis: ['picture add ID FILE [--lead] [--caption TEXT] [--credit TEXT]', '[--alt TEXT]'],
      summary: [
        'add a JPEG, PNG, WebP, GIF or AVIF at the end of the body, or with',
        "--lead as the story's lead picture;",
        "caption, credit, creator, copyright and alt text from the photo's",
        'IPTC/XMP where not given (alt text only from IPTC Alt Text)',
      ],
    },
    {
      synopsis: 'picture fetch ID [URL]',
      summary: [
        "download the agency picture the story's ninjs carried (or the one",
        'at URL, https only) and set it as the lead picture with its words',
      ],
    },
    { synopsis: 'picture list ID', summary: ["the story's pictures and their renditions"] },
  ],
  run: (context) => {
    const [verb, id, file, ...extra] = context.args
    if (verb === 'add' && id && file && extra.length === 0) return addPicture(id, file, context)
    if (verb === 'fetch' && id && extra.length === 0)
      return context.withWorkstation(async ({ client }) => {
        try {
          const input = parseInput('fetchPicture', {
            id,
            as: 'lead',
            ...(file === undefined ? {} : { href: file }),
          })
          const added = await client.fetchPicture(input)
          const name = added.article.leadPicture?.mediaId ?? added.picture.id
          context.io.out(
            context.values.json
              ? JSON.stringify(addedJson(added), null, 2)
              : formatAdded(added, file ?? `the agency's picture (${name.slice(0, 12)}…)`),
          )
          return EXIT.ok
        } catch (error) {
          return fail(context.io, context.values.json, error)
        }
      })
    if (verb === 'list' && id && file === undefined)
      return showCall(
        context,
        (client) => client.listPictures(parseInput('listPictures', { id })),
        (answer) => formatPictures(answer.pictures),
      )
    return undefined
  },
}

async function addPicture(id: string, file: string, context: CommandContext): Promise<number> {
  const { io, values } = context
  const name = basename(file)
  return context.withWorkstation(async ({ client }) => {
    try {
      const limits = pictureLimitsOf(await client.getSettings({}))
      const data = await readPictureFile(file, name, limits)
      const input = parseInput('addPicture', {
        id,
        name,
        data: data.toString('base64'),
        as: values.lead ? 'lead' : 'figure',
        ...(values.caption === undefined ? {} : { caption: values.caption }),
        ...(values.credit === undefined ? {} : { credit: values.credit }),
        ...(values.alt === undefined ? {} : { altText: values.alt }),
      })
      const added = await client.addPicture(input)
      const as = values.lead ? 'lead' : 'figure'
      io.out(
        values.json ? JSON.stringify(addedJson(added, as), null, 2) : formatAdded(added, name, as),
      )
      return EXIT.ok
    } catch (error) {
      return fail(io, values.json, error)
    }
  })
}

/** The file's bytes; one over the desk's byte limit is refused from its size, never read whole. */
async function readPictureFile(
  file: string,
  name: string,
  limits: ReturnType<typeof pictureLimitsOf>,
): Promise<Buffer> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : ''
    const why = code === 'ENOENT' ? 'there is no such file' : code || String(error)
    throw new AppError('IO', `Cannot read ${file}: ${why}.`)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new AppError('INVALID_INPUT', `${file} is not a file.`)
    const tooBig = checkPictureBytes(info.size, limits, name)
    if (tooBig) throw new AppError('INVALID_INPUT', tooBig.message)
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

function addedJson({ article, picture }: AddPictureOutput, as: 'lead' | 'figure' = 'lead') {
  const { id, revision } = article
  return as === 'lead'
    ? { id, revision, leadPicture: article.leadPicture, picture }
    : { id, revision, figure: lastFigure(article), picture }
}

function formatAdded(
  { article, picture }: AddPictureOutput,
  name: string,
  as: 'lead' | 'figure' = 'lead',
): string {
  const words = as === 'lead' ? article.leadPicture : lastFigure(article)
  const lines = [
    `${as === 'lead' ? 'Lead picture' : 'Picture at the end of the body'} of “${article.headline || article.id}” (revision ${article.revision}): ${name}, ${describeRecord(picture)}`,
  ]
  if (words) lines.push(...describeWords(words))
  lines.push(...describeRenditions(picture))
  return lines.join('\n')
}

/** The words of the body's last figure: the one `picture add` without --lead just put there. */
function lastFigure(article: AddPictureOutput['article']): LeadPicture | null {
  const last = article.body.content?.at(-1)
  const words = last?.type === 'figure' ? LeadPicture.safeParse(last.attrs) : null
  return words?.success ? words.data : null
}

function formatPictures(pictures: StoryPicture[]): string {
  if (pictures.length === 0) return 'No pictures.'
  let figures = 0
  return pictures
    .map(({ role, picture, record }) =>
      [
        `${role === 'lead' ? 'Lead picture' : `Picture ${(figures += 1)} in the body`}: ${record ? describeRecord(record) : `${picture.mediaId} (the file is missing or was set aside as damaged)`}`,
        ...describeWords(picture),
        ...(record ? describeRenditions(record) : []),
      ].join('\n'),
    )
    .join('\n\n')
}

function describeRecord(record: PictureRecord): string {
  const kb = (record.bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })
  return `${PICTURE_FORMATS[record.type].name}, ${record.width} × ${record.height} px, ${kb} KB`
}

function describeWords(picture: LeadPicture): string[] {
  const show = (value: string) => value || '(none)'
  return [
    `  Caption:    ${show(picture.caption)}`,
    `  Credit:     ${show(picture.credit)}`,
    `  Creator:    ${show(picture.creator)}`,
    `  Copyright:  ${show(picture.copyright)}`,
    `  Alt text:   ${picture.altText || '(none: describe the picture for readers who cannot see it, with --alt)'}`,
    `  Media id:   ${picture.mediaId}`,
  ]
}

function describeRenditions(record: PictureRecord): string[] {
  const each = record.renditions.map(
    (r) => `${r.name} ${r.width} × ${r.height} ${PICTURE_FORMATS[r.type].name}`,
  )
  return [`  Renditions: ${each.length > 0 ? each.join(', ') : '(none)'}`]
}
