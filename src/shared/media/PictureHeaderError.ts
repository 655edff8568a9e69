/**
 * Thrown by the header readers when a file of a known kind cannot be a whole picture: it ends
 * before a part its header announces (`truncated`), or its header is not what the kind requires.
 */
export class PictureHeaderError extends Error {
  constructor(
    readonly kind: 'truncated' | 'malformed',
    message: string,
  ) {
    super(message)
  }
}

/** Big-endian and little-endian unsigned reads that throw `truncated` past the end. */
export class Bytes {
  constructor(readonly data: Uint8Array) {}

  get length(): number {
    return this.data.length
  }

  u8(at: number): number {
    const value = this.data[at]
    if (value === undefined) throw truncated()
    return value
  }

  u16be(at: number): number {
    return this.u8(at) * 0x100 + this.u8(at + 1)
  }

  u16le(at: number): number {
    return this.u8(at) + this.u8(at + 1) * 0x100
  }

  u24le(at: number): number {
    return this.u16le(at) + this.u8(at + 2) * 0x10000
  }

  u32be(at: number): number {
    return this.u16be(at) * 0x10000 + this.u16be(at + 2)
  }

  u32le(at: number): number {
    return this.u16le(at) + this.u16le(at + 2) * 0x10000
  }

  /** The bytes at `at` read as Latin-1 text, or '' past the end (for comparing with a tag). */
  ascii(at: number, length: number): string {
    if (at + length > this.data.length) return ''
    return String.fromCharCode(...this.data.subarray(at, at + length))
  }
}

export function truncated(what = 'the picture'): PictureHeaderError {
  return new PictureHeaderError(
    'truncated',
    `the file ends before the end of ${what}: it was cut off (an interrupted download or copy)`,
  )
}
