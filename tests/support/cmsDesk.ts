import { join } from 'node:path'
import type { Article, EditableFields } from '../../src/shared/domain/Article'
import type { DeskSettings } from '../../src/shared/domain/DeskSettings'
import type { AuditEntry } from '../../src/shared/domain/History'
import type { OutboxItem, PushOutcome } from '../../src/shared/domain/OutboxItem'
import type { InputOf, MethodName, OutputOf } from '../../src/shared/ipc/contract'
import type { Client } from '../../src/shared/ipc/createClient'
import { openWorkstation, type Workstation } from '../../src/main/openWorkstation'
import { FAKE_TOKEN, FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from './fakeCms'
import { tempDir } from './tempDir'

type Fields = Partial<EditableFields>

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

  static async start(settings: Partial<DeskSettings> = {}): Promise<CmsDesk> {
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

  /** The workstation's typed client: every contract call, as the app makes it. */
  get client(): Client {
    return this.ws.client
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

  /** One contract call through the typed client, as the app makes it. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    const send: Client[M] = this.ws.client[method]
    return send(input)
  }

  async configure(changes: Partial<DeskSettings>): Promise<void> {
    const settings = await this.call('getSettings', {})
    await this.call('saveSettings', { ...settings, ...changes })
  }

  push(id: string, target: 'webhook' | 'wordpress', correction?: string): Promise<PushOutcome> {
    const input = correction === undefined ? { id, target } : { id, target, correction }
    return this.call('pushArticle', input)
  }

  outbox(id?: string): Promise<OutboxItem[]> {
    return this.call('listOutbox', id ? { articleId: id } : {})
  }

  article(id: string): Promise<Article> {
    return this.call('getArticle', { id })
  }

  audit(id: string): Promise<AuditEntry[]> {
    return this.call('getAudit', { id })
  }

  /** A story written by Asha Rao and approved by Vikram Desk, who stays at the workstation. */
  async approvedStory(headline = 'Quad ministers meet', fields: Fields = {}): Promise<string> {
    await this.call('setProfile', { name: 'Asha Rao', role: 'writer' })
    const { id } = await this.call('createArticle', {
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
    })
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
      const { revision } = await this.article(id)
      await this.call('saveArticle', { id, baseRevision: revision, changes })
      await this.call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
    }
    await this.call('transition', { id, action: 'approve' })
  }
}
