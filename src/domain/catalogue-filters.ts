import type { PartOfDay } from '../time.js'

/**
 * The "child's age" filter. A band is a half-open range of months [fromMonths, toMonths); a
 * programme's child_age_from/to_months are read the same way, so "0 to 12 months" (baby massage)
 * is in the "0 to 1" band and not in "1 to 2".
 */
export interface AgeBand {
  value: string
  label: string
  /** Absent for "pregnant", which matches programmes for expectant parents instead. */
  months?: { from: number; to: number }
}

export const deliveryFilters = ['in_person', 'online'] as const
export type DeliveryFilter = (typeof deliveryFilters)[number]

/** Filters as the database query takes them; every one is optional and they combine with AND. */
export interface CatalogueFilters {
  topic?: string
  hubId?: number
  age?: AgeBand
  /** ISO day number in London time: 1 Monday ... 7 Sunday. */
  isoDay?: number
  partOfDay?: PartOfDay
  delivery?: DeliveryFilter
  language?: string
  /**
   * Free-text words; each must be found in the programme or its hub (by its stem, a phrase it is a
   * synonym of, or a near spelling).
   */
  words?: string[]
  /** For a word in `words`, the phrases it also finds (see services/catalogue/search-synonyms.ts). */
  synonyms?: Readonly<Record<string, readonly string[]>>
  programmeId?: number
  /** Only courses with a session starting in [from, to) (either end may be open). */
  dateRange?: { from?: Date; to?: Date }
}
