import { resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import type { AccountRole } from '../../src/shared/desk/AccountRole'
import { createDeskClient, type DeskClient } from '../../src/shared/desk/createDeskClient'
import {
  createFirstAdmin,
  startDeskServerProcess,
  type DeskServerProcess,
} from '../support/deskServerProcess'
import { pgliteFolder } from '../support/pgliteFolder'
import { tempDir } from '../support/tempDir'

/** Starts a new article and waits until its empty editor is the one on screen. */
export async function startNewArticle(page: Page, headline: string): Promise<void> {
  const count = await page.getByRole('navigation', { name: 'Articles' }).getByRole('link').count()
  await page.getByRole('button', { name: 'New article' }).first().click()
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('link')).toHaveCount(
    count + 1,
  )
  await expect(page.getByLabel('Headline')).toHaveValue('')
  await page.getByLabel('Headline').fill(headline)
}

/** Waits for the save indicator to confirm the store has everything. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('group', { name: 'Save state' })).toHaveText(/Saved at \d\d:\d\d/)
}

/** Answers the first-start question: who is at this workstation. */
export async function signIn(
  page: Page,
  name = 'Asha Rao',
  role: 'Writer' | 'Desk chief' = 'Writer',
): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who is at this workstation?' })
  await dialog.getByLabel('Your name').fill(name)
  await dialog.getByRole('radio', { name: role }).check()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog).toBeHidden()
}

/** Switches the workstation's profile from the app bar. */
export async function switchProfile(
  page: Page,
  name: string,
  role: 'Writer' | 'Desk chief',
): Promise<void> {
  await page.getByRole('button', { name: /, switch profile$/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Switch profile' })
  await dialog.getByLabel('Your name').fill(name)
  await dialog.getByRole('radio', { name: role }).check()
  await dialog.getByRole('button', { name: 'Switch' }).click()
  await expect(dialog).toBeHidden()
}

/**
 * Moves the caret with a key the browser handles itself (Ctrl+End, Ctrl+Home), then lets ProseMirror
 * hear of it: it learns of a native caret move from a later `selectionchange` event, and a test's
 * next key can arrive before that, which no typist's can. Found as a flaky wholeArticle run in CI.
 */
export async function moveCaret(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key)
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  )
}

/** The password of every account on an end-to-end desk. */
export const DESK_PASSWORD = 'correct horse battery staple'

/** A desk server for a spec file, with its first admin; see startDesk. */
export type E2eDesk = {
  /** Where workstations join; the same after stop() and start(). */
  url: string
  /** The running process (null while stopped). */
  server: () => DeskServerProcess | null
  /** Signs a device in over the desk's API, as the account with `email`. */
  signedIn: (email: string, deviceName: string) => Promise<DeskClient>
  /** The first admin, signed in once as the device "e2e setup" (the one that made `accounts`). */
  admin: () => Promise<DeskClient>
  /** The desk goes down (SIGTERM); start() brings it back on the same address with its desk. */
  stop: () => Promise<void>
  start: () => Promise<void>
  /** Stops it and removes its data folder. */
  close: () => Promise<void>
}

/**
 * The desk server as `npm run build` ships it (out/main/cli.js, its migrations bundled), in its own
 * process on a new embedded database: `firstAdmin` made by `desk admin create`, then `accounts`
 * made by that admin. One per spec file (beforeAll): each start is a PGlite and a real scrypt hash.
 */
export async function startDesk(
  firstAdmin: { email: string; name: string },
  accounts: readonly { email: string; name: string; role: AccountRole }[] = [],
): Promise<E2eDesk> {
  const bundle = { cli: resolve('out/main/cli.js'), remove: async () => {} }
  const folder = await tempDir('copydesk-e2e-desk-')
  await pgliteFolder(folder.path)
  await createFirstAdmin(bundle, { dataDir: folder.path }, { ...firstAdmin, password: DESK_PASSWORD })
  let server: DeskServerProcess | null = await startDeskServerProcess(bundle, {
    dataDir: folder.path,
  })
  const url = server.url
  const signedIn = async (email: string, deviceName: string): Promise<DeskClient> => {
    const anonymous = createDeskClient({ baseUrl: url, fetch, token: () => null })
    const { token } = await anonymous.signIn({ email, password: DESK_PASSWORD, deviceName })
    return createDeskClient({ baseUrl: url, fetch, token: () => token })
  }
  let setup: Promise<DeskClient> | undefined
  const admin = () => (setup ??= signedIn(firstAdmin.email, 'e2e setup'))
  for (const account of accounts)
    await (await admin()).createAccount({ ...account, password: DESK_PASSWORD })
  const stop = async () => {
    await server?.kill('SIGTERM')
    server = null
  }
  return {
    url,
    server: () => server,
    signedIn,
    admin,
    stop,
    start: async () => {
      server ??= await startDeskServerProcess(
        bundle,
        { dataDir: folder.path },
        { port: Number(new URL(url).port) },
      )
    },
    close: async () => {
      await stop()
      await folder.cleanup()
    },
  }
}

/**
 * Joins the workstation on `page` to the desk at `url` as `email` from Desk settings, and closes
 * the settings. The workstation must be signed in (its first-start question answered).
 */
export async function joinDesk(
  page: Page,
  url: string,
  email: string,
  password = DESK_PASSWORD,
): Promise<void> {
  await page.getByRole('button', { name: 'Desk settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  const section = settings.getByRole('region', { name: 'Desk server' })
  await section.getByLabel('Desk address').fill(url)
  await section.getByLabel('E-mail').fill(email)
  await section.getByLabel('Password').fill(password)
  await section.getByRole('button', { name: 'Join desk' }).click()
  await expect(section.getByLabel('Desk connection')).toContainText(url)
  await settings.getByRole('button', { name: 'Cancel' }).click()
}
