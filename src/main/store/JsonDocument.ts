import type { StoreProblem } from '../../shared/domain/StoreProblem'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { FileLeftInPlaceError } from './FileLeftInPlaceError'
import { OWNER_ONLY_FILE } from './ownerOnly'
import type { Quarantine } from './Quarantine'

export type JsonDocumentOptions<T> = {
  path: string
  /** What the file is, for messages: "settings file". */
  what: string
  /** Parses what was read; a zod error means the file is damaged and is set aside. */
  parse: (data: unknown) => T
  /** The document when there is no file, or its file was set aside. */
  defaults: () => T
  quarantine: Quarantine
  access?: DataDirAccess
  /** The mode the file is created with (the temp file has it from its first byte). */
  mode?: number
  /** What replaces a damaged file once it is set aside (e.g. what could be salvaged from it). */
  afterDamage?: (problem: StoreProblem, error: CorruptFileError) => T | Promise<T>
  /**
   * A file that must stay where it is (a newer Copydesk's, one our reader failed on) is listed in
   * any case; with `refuseLeftInPlace` its error is thrown too, so nothing is written over it.
   */
  refuseLeftInPlace?: boolean
}

/**
 * A small JSON document kept in one file: read and parsed with zod, set aside in quarantine when
 * damaged (never deleted, listed for the desk), the defaults in its place, and written durably
 * (temp file, fsync, rename, fsync of the folder) with the file's own mode.
 */
export class JsonDocument<T> {
  private constructor(
    private readonly file: DurableJsonFile<T>,
    private readonly access: DataDirAccess,
    /** The document as last read or saved; change it and `save()`, or `save(next)`. */
    public data: T,
  ) {}

  get path(): string {
    return this.file.path
  }

  static async open<T>(options: JsonDocumentOptions<T>): Promise<JsonDocument<T>> {
    const file = new DurableJsonFile(
      options.path,
      options.parse,
      options.what,
      options.mode ?? OWNER_ONLY_FILE,
    )
    const access = options.access ?? WRITABLE
    return new JsonDocument(file, access, await readOrRecover(file, options))
  }

  /**
   * Writes the document (or `next`, which becomes the document once it is on disk: a write that
   * fails leaves the document as the file still has it). Refused on a read-only folder.
   */
  async save(next?: T): Promise<void> {
    assertWritable(this.access)
    const data = next ?? this.data
    await this.file.write(data)
    this.data = data
  }
}

async function readOrRecover<T>(file: DurableJsonFile<T>, options: JsonDocumentOptions<T>) {
  try {
    return (await file.read()) ?? options.defaults()
  } catch (error) {
    if (error instanceof CorruptFileError) {
      const problem = await options.quarantine.add(error.path, error.reason)
      return options.afterDamage ? await options.afterDamage(problem, error) : options.defaults()
    }
    if (!(error instanceof FileLeftInPlaceError)) throw error
    await options.quarantine.report(error)
    if (options.refuseLeftInPlace) throw error
    return options.defaults()
  }
}
