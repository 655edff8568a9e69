import type { Article } from '../../shared/domain/Article'
import type {
  AuditEntry,
  EditorialNote,
  HistoryFile,
  RevisionMeta,
} from '../../shared/domain/History'

/** Per article: the audit trail, the desk's notes and the numbered versions (see HistoryRepository). */
export interface HistoryStore {
  read(id: string): Promise<HistoryFile>
  appendAudit(id: string, entry: AuditEntry): Promise<void>
  addNote(id: string, note: EditorialNote): Promise<void>
  /** Keeps `article` as the next numbered version; returns its number and metadata. */
  snapshot(id: string, meta: Omit<RevisionMeta, 'seq'>, article: Article): Promise<RevisionMeta>
  readSnapshot(id: string, seq: number): Promise<Article>
}
