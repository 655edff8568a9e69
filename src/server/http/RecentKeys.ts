/**
 * A bounded set of keys: past `max`, the longest-unrefreshed go first. Per process and in memory,
 * like the rate-limit buckets; losing a key only costs its owner one more check.
 */
export class RecentKeys {
  private readonly keys = new Set<string>()

  constructor(private readonly max: number) {}

  has(key: string): boolean {
    return this.keys.has(key)
  }

  /** Adds the key, or moves it to the newest end. */
  add(key: string): void {
    this.keys.delete(key)
    this.keys.add(key)
    for (const oldest of this.keys) {
      if (this.keys.size <= this.max) break
      this.keys.delete(oldest)
    }
  }

  delete(key: string): void {
    this.keys.delete(key)
  }
}
