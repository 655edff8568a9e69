/** True when `error` is a Node system error with this code (ENOENT, EEXIST, ...). */
export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
