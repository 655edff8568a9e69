import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './deskTest'
import { signIn } from './actions'

const shots = process.env['SCREENSHOTS']
const HEADLINE = 'Harbour pilots strike over night shifts'

/** A push queued by an earlier run, due a little after the host starts. */
function queuedPush(dueInMs: number): string {
  const now = Date.now()
  return JSON.stringify({
    items: [
      {
        id: 'c0ffee00-0000-4000-8000-000000000001',
        articleId: 'c0ffee00-0000-4000-8000-000000000002',
        headline: HEADLINE,
        target: 'webhook',
        site: 'https://hooks.example/in',
        revision: 3,
        contentKey: '',
        by: 'Asha Rao',
        state: 'queued',
        attempts: 0,
        nextAttemptAt: new Date(now + dueInMs).toISOString(),
        lastError: null,
        remoteId: null,
        createdAt: new Date(now).toISOString(),
        sentAt: null,
      },
    ],
    remoteIds: {},
  })
}

// Bug: the background outbox run's failures were dropped (`void this.processDue()`): a push that
// could not be recorded left no trace anywhere, and the desk never heard of it.
test('a failure in the background is told under "Copydesk had a problem" and logged without story text', async ({
  page,
  desk,
}) => {
  await writeFile(join(desk.dataDir, 'outbox.json'), queuedPush(8_000))
  const host = await desk.start()
  // Something outside Copydesk puts a folder where outbox.json is: the push cannot be recorded.
  await rm(join(desk.dataDir, 'outbox.json'))
  await mkdir(join(desk.dataDir, 'outbox.json', 'stray'), { recursive: true })
  await page.goto(host.url)
  await signIn(page)

  const notice = page.getByRole('alert', { name: 'Copydesk had a problem' })
  await expect(notice).toBeVisible({ timeout: 30_000 })
  await expect(notice).toContainText('Sending the queued pushes failed; Copydesk tries again')
  const logFile = join(desk.dataDir, 'logs', 'copydesk.log')
  await expect(notice).toContainText(logFile)
  if (shots) await page.screenshot({ path: join(shots, 'app-problems.png') })

  const log = await readFile(logFile, 'utf8')
  expect(log).toMatch(/\[error\] \[outbox\] Sending the queued pushes failed.*EISDIR/)
  expect(log).not.toContain('Harbour')

  await notice.getByRole('button', { name: 'Dismiss the problem notice' }).click()
  await expect(notice).toBeHidden()
  // The retries keep failing: the same problem, already told, does not come back.
  await expect
    .poll(async () => (await readFile(logFile, 'utf8')).split('Sending the queued').length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(2)
  await expect(notice).toBeHidden()
})
