import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/ipc/AppError'
import { HistoryRepository } from '../store/HistoryRepository'
import { Quarantine } from '../store/Quarantine'
import { SecretStore } from '../store/SecretStore'
import { systemClock } from '../../shared/domain/Clock'
import { tempDir } from '../../../tests/support/tempDir'
import { FileLogSink } from './FileLogSink'
import { installLogSink, log } from './log'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

const ID = '7d1f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f'

describe('the log', () => {
  it('never holds article text or secrets, whatever the failures quote', async () => {
    const logs = join(dir.path, 'logs')
    installLogSink(new FileLogSink(logs))
    const quarantine = await Quarantine.open(dir.path, systemClock)
    // A revision snapshot that is the story's text, not JSON: JSON.parse quotes its start.
    await mkdir(join(dir.path, 'history', ID), { recursive: true })
    await writeFile(
      join(dir.path, 'history', ID, '1.json'),
      'Minister resigns over ferry deal. The minister said on Tuesday that the contract was signed.',
    )
    await new HistoryRepository(dir.path, quarantine).read(ID)
    log.problem(
      'export',
      'An export failed',
      new AppError('REFUSED', '“Minister resigns over ferry deal” cannot be exported: dateline.'),
    )
    const secrets = await SecretStore.open(dir.path, null, quarantine)
    await secrets.set('webhookToken', 'tok-4f9a-very-secret', 'https://hooks.example')
    log.warn(
      'outbox',
      'A push failed',
      new Error(
        'POST https://editor:hunter22@hooks.example/in?token=tok-4f9a-very-secret gave 401; the server said tok-4f9a-very-secret is unknown (Authorization: Bearer unknown-token-xyz)',
      ),
    )

    const text = await readFile(join(logs, 'copydesk.log'), 'utf8')
    expect(text).toMatch(
      /\[warn\] \[history\] Revision snapshot history\/.+\/1\.json could not be read: AppError \[CORRUPT_FILE\]: .*not valid JSON/,
    )
    expect(text).toMatch(/\[error\] \[export\] An export failed: AppError \[REFUSED\]/)
    expect(text).toMatch(
      /\[warn\] \[outbox\] A push failed: Error: POST https:\/\/\[secret\]@hooks/,
    )
    for (const leak of [
      'Minister',
      'minister',
      'ferry',
      'tok-4f9a',
      'unknown-token-xyz',
      'hunter22',
    ])
      expect(text).not.toContain(leak)
  })

  it('is readable by the user only and rotates to copydesk.old.log past its size', async () => {
    const logs = join(dir.path, 'logs')
    const sink = new FileLogSink(logs, 400)
    for (let i = 0; i < 20; i += 1) sink.write('info', `[test] line ${i} of the rotation test`)
    const current = await stat(join(logs, 'copydesk.log'))
    const old = await stat(join(logs, 'copydesk.old.log'))
    expect(current.size).toBeLessThanOrEqual(400)
    expect(old.size).toBeLessThanOrEqual(400)
    expect(current.mode & 0o777).toBe(0o600)
    expect(await readFile(join(logs, 'copydesk.log'), 'utf8')).toMatch(/line 19 of/)
    expect(await readFile(join(logs, 'copydesk.old.log'), 'utf8')).not.toMatch(/line 0 of/)
  })

  it('lists a problem that happens again once, with its count', () => {
    installLogSink(new FileLogSink(join(dir.path, 'logs')))
    const since = log.mark()
    log.problem('outbox', 'Sending the queued pushes failed.', new Error('EISDIR'))
    log.problem('outbox', 'Sending the queued pushes failed.', new Error('EISDIR'))
    expect(log.problemsSince(since)).toEqual([
      expect.objectContaining({ summary: 'Sending the queued pushes failed.', count: 2 }),
    ])
  })
})
