import { join } from 'node:path'
import type { OutboxItem, PushOutcome } from '../../src/shared/domain/OutboxItem'
import { openWorkstation, type Workstation } from '../../src/main/openWorkstation'
import { FAKE_TOKEN, FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from './fakeCms'
import { tempDir } from './tempDir'

type Fields = Record<string, unknown>

/**
 * A data folder with a workstation on it, and a fake CMS configured as its webhook and WordPress
 * targets: what the outbox tests share. The clock is the test's to move.
 */
export class CmsDesk {
  clock = Date.parse('2026-01-23T09:00:00.000Z')
  private current: Workstation | null = null

  private constructor(
    readonly cms: FakeCms,
    readonly dataDir: string,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(settings: Fields = {}): Promise<CmsDesk> {
    const dir = await tempDir()
    const cms = await new FakeCms().start()
    const desk = new CmsDesk(cms, join(dir.path, 'data'), dir.cleanup)
    await desk.open()
    await desk.configure({
      webhookUrl: `${cms.url}/hook`,
      wordpressUrl: cms.url,
      wordpressUser: FAKE_WP_USER,
      wordpressStatus: 'pending',
      ...settings,
    })
    await desk.call('setSecret', { name: 'webhookToken', value: FAKE_TOKEN })
    await desk.call('setSecret', { name: 'wordpressPassword', value: FAKE_WP_PASSWORD })
    return desk
  }

  get ws(): Workstation {
    if (!this.current) throw new Error('The workstation is not open.')
    return this.current
  }

  async open(): Promise<void> {
    this.current = await openWorkstation({
      dataDir: this.dataDir,
      host: 'web',
      version: 'test',
      clock: { now: () => new Date(this.clock) },
      cmsTimeoutMs: 300,
    })
  }

  async close(): Promise<void> {
    await this.ws.close()
    await this.cms.stop()
    await this.cleanup()
  }

  async call(method: string, input: unknown): Promise<unknown> {
    const result = await this.ws.dispatch(method, input)
    if (!result.ok)
      throw Object.assign(new Error(result.error.message), {
        code: result.error.code,
        details: result.error.details,
      })
    return result.value
  }

  async configure(changes: Fields): Promise<void> {
    const settings = (await this.call('getSettings', {})) as Fields
    await this.call('saveSettings', { ...settings, ...changes })
  }

  push(id: string, target: 'webhook' | 'wordpress', correction?: string): Promise<PushOutcome> {
    const input = correction === undefined ? { id, target } : { id, target, correction }
    return this.call('pushArticle', input) as Promise<PushOutcome>
  }

  async outbox(id?: string): Promise<OutboxItem[]> {
    return (await this.call('listOutbox', id ? { articleId: id } : {})) as OutboxItem[]
  }

  async article(id: string): Promise<Record<string, unknown>> {
    return (await this.call('getArticle', { id })) as Record<string, unknown>
  }

  async audit(id: string): Promise<{ action: string; by: string; note?: string }[]> {
    return (await this.call('getAudit', { id })) as { action: string; by: string; note?: string }[]
  }

  /** A story written by Asha Rao and approved by Vikram Desk, who stays at the workstation. */
  async approvedStory(headline = 'Quad ministers meet', fields: Fields = {}): Promise<string> {
    await this.call('setProfile', { name: 'Asha Rao', role: 'writer' })
    const { id } = (await this.call('createArticle', {
      fields: {
        headline,
        dateline: { place: 'Tokyo', date: '2026-01-23' },
        credit: 'IANS',
        tags: ['Diplomacy', 'Quad'],
        keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Ministers met.' }] },
            {
              type: 'pullQuote',
              content: [
                { type: 'pullQuoteText', content: [{ type: 'text', text: 'We agree.' }] },
                { type: 'pullQuoteAttribution', content: [{ type: 'text', text: 'A minister' }] },
              ],
            },
          ],
        },
        ...fields,
      },
    })) as { id: string }
    await this.call('transition', { id, action: 'submit' })
    await this.call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
    await this.call('transition', { id, action: 'approve' })
    return id
  }

  /** Reopens a story, lets the writer change it (or not), and approves it again. */
  async revise(id: string, changes: Fields | null): Promise<void> {
    await this.call('transition', { id, action: 'reopen', note: 'New detail' })
    if (changes) {
      await this.call('setProfile', { name: 'Asha Rao', role: 'writer' })
      const { revision } = (await this.article(id)) as { revision: number }
      await this.call('saveArticle', { id, baseRevision: revision, changes })
      await this.call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
    }
    await this.call('transition', { id, action: 'approve' })
  }
}
