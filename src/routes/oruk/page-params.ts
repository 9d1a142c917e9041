import type { PageRequest } from '../../services/oruk/pages.js'

const DEFAULT_PER_PAGE = 50
const MAX_PER_PAGE = 100
/** Far past any real list; stops a huge OFFSET reaching the database. */
const MAX_PAGE = 100_000

type Checked<T> = { ok: true; value: T } | { ok: false; message: string }

function wholeNumber(raw: unknown, name: string, min: number, max: number, fallback: number): Checked<number> {
  if (raw === undefined) return { ok: true, value: fallback }
  const message = `${name} must be a whole number from ${min} to ${max}`
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return { ok: false, message }
  const value = Number(raw)
  return value < min || value > max ? { ok: false, message } : { ok: true, value }
}

/** page (from 1) and per_page (1 to 100, 50 when not given) from the query string. */
export function pageParams(query: Record<string, unknown>): Checked<PageRequest> {
  const page = wholeNumber(query.page, 'page', 1, MAX_PAGE, 1)
  if (!page.ok) return page
  const perPage = wholeNumber(query.per_page, 'per_page', 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
  if (!perPage.ok) return perPage
  return { ok: true, value: { page: page.value, perPage: perPage.value } }
}

const MAX_TEXT = 200

/** An optional single text parameter, without control characters (PostgreSQL refuses a NUL byte). */
export function optionalText(raw: unknown, name: string): Checked<string | undefined> {
  if (raw === undefined) return { ok: true, value: undefined }
  if (typeof raw !== 'string') return { ok: false, message: `${name} must be given once` }
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if (text.length > MAX_TEXT) return { ok: false, message: `${name} must be ${MAX_TEXT} characters or fewer` }
  return { ok: true, value: text === '' ? undefined : text }
}
