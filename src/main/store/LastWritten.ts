/**
 * The text last written to each of a few files, and the value it was made from: a reader that finds
 * the same text on disk takes that value rather than parsing the text again. Only texts are compared,
 * so a file changed by anyone (another process, a hand, a restore from backup) is parsed as ever.
 * Bounded: the files written most recently are kept, as a save reads the file it wrote last.
 */
export class LastWritten<T> {
  private readonly byPath = new Map<string, { text: string; data: T }>()

  constructor(private readonly capacity: number) {}

  /** What was written to `path`, if it is among those kept. */
  get(path: string): { text: string; data: T } | undefined {
    return this.byPath.get(path)
  }

  set(path: string, text: string, data: T): void {
    this.byPath.delete(path)
    this.byPath.set(path, { text, data })
    for (const oldest of this.byPath.keys()) {
      if (this.byPath.size <= this.capacity) break
      this.byPath.delete(oldest)
    }
  }

  delete(path: string): void {
    this.byPath.delete(path)
  }
}
