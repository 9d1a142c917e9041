/**
 * Page data of the public catalogue, kept in the web process and reused while the database says
 * nothing it depends on has changed. Every entry carries the stamp it was built under (see
 * CatalogueRepository.versionStamp); a page view reads the current stamp (one tiny query) and rebuilds
 * when it differs, so a booking or staff change shows on the very next page view in every process.
 *
 * Only what the service returns is kept: the page itself (CSRF token, flash, staff banner) is rendered
 * per request. Values are shared between requests, so their parts are frozen against a view changing
 * one, and each caller gets its own copy of the top level (res.render adds `_locals` to its argument).
 */
export class PageDataCache {
  private readonly entries = new Map<string, { stamp: string; value: unknown }>()

  /** At most `maxEntries` pages (filtered searches are many): the least recently used go first. */
  constructor(private readonly maxEntries = 500) {}

  async get<T>(key: string, stamp: string, build: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key)
    if (entry && entry.stamp === stamp) {
      // Move to the end: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key)
      this.entries.set(key, entry)
      return ownCopy(entry.value as T)
    }
    const value = await build()
    if (value && typeof value === 'object') Object.values(value).forEach(deepFreeze)
    this.entries.delete(key)
    this.entries.set(key, { stamp, value })
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return ownCopy(value)
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const ownCopy = <T>(value: T): T =>
  Array.isArray(value) ? (value.slice() as T) : value && typeof value === 'object' ? { ...value } : value
