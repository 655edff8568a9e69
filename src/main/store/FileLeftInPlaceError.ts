import { AppError } from '../../shared/ipc/AppError'

/** Why a readable-looking file is left where it is rather than set aside as damaged. */
export type LeftInPlaceKind = 'newer-version' | 'left-in-place'

/**
 * A file Copydesk cannot use but must not move: written by a newer Copydesk, over the limits this
 * version keeps, or one our own reader failed on (a bug of ours is never the file's damage).
 */
export class FileLeftInPlaceError extends AppError {
  constructor(
    readonly path: string,
    readonly kind: LeftInPlaceKind,
    readonly reason: string,
  ) {
    super('REFUSED', `${path} was left where it is: ${reason}`, { path, kind, reason })
  }
}

/** Thrown by a file's parser to say "leave this file alone"; DurableJsonFile adds the path. */
export class LeaveInPlace extends Error {
  constructor(
    readonly kind: LeftInPlaceKind,
    readonly reason: string,
  ) {
    super(reason)
  }
}
