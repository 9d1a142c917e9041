/**
 * The GOV.UK pagination component's items: first and last page always, the current page with one
 * either side, and ellipses for the gaps ("1 … 4 5 6 … 12").
 */
export interface PaginationView {
  previous?: string
  next?: string
  items: Array<{ number: number; href: string; current: boolean } | { ellipsis: true }>
}

export function paginationView(page: number, totalPages: number, hrefFor: (page: number) => string): PaginationView | undefined {
  if (totalPages <= 1) return undefined
  const shown = new Set([1, totalPages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= totalPages))
  const items: PaginationView['items'] = []
  let last = 0
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - last === 2) items.push({ number: n - 1, href: hrefFor(n - 1), current: false })
    else if (n - last > 2) items.push({ ellipsis: true })
    items.push({ number: n, href: hrefFor(n), current: n === page })
    last = n
  }
  return {
    previous: page > 1 ? hrefFor(page - 1) : undefined,
    next: page < totalPages ? hrefFor(page + 1) : undefined,
    items,
  }
}
