/** Which page of a list a directory asks for (already checked: whole numbers, per_page within bounds). */
export interface PageRequest {
  page: number
  perPage: number
}

/** The Open Referral UK page wrapper (openapi.json components.schemas.Page) around one page of records. */
export interface OrukPage<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

/** The slice of a whole list that a page covers. */
export const offsetOf = (request: PageRequest): number => (request.page - 1) * request.perPage

/** Wraps one page of records. A page past the end is empty rather than an error, as in Spring Data (which the format follows). */
export function pageOf<T>(contents: T[], totalItems: number, request: PageRequest): OrukPage<T> {
  const totalPages = Math.ceil(totalItems / request.perPage)
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}
