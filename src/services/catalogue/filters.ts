import { findAgeBand } from './age-bands.js'
import { synonymsOf } from './search-synonyms.js'
import type { DateValues } from './date-filter.js'
import type { PartOfDay } from '../../time.js'
import { deliveryFilters, type CatalogueFilters, type DeliveryFilter } from '../../domain/catalogue-filters.js'

export type { CatalogueFilters }

export const daysOfWeek = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
type DayOfWeek = (typeof daysOfWeek)[number]
const partsOfDay: readonly PartOfDay[] = ['morning', 'afternoon', 'evening']

/** What the form sent back, to show in the form again (only values that were accepted). */
export interface FilterValues extends DateValues {
  q: string
  topic: string
  hub: string
  age: string
  day: string
  time: string
  delivery: string
  language: string
  /** "by-day" for "What's on by day"; empty for the list of courses. */
  view: string
}

/** The choices the form offers; a value outside them is ignored rather than trusted. */
export interface FilterChoices {
  topics: readonly string[]
  hubIds: readonly number[]
  languages: readonly string[]
}

export interface ParsedFilters {
  filters: CatalogueFilters
  values: FilterValues
  page: number
  /** Names of fields whose values were not recognised and were left out of the search. */
  ignored: string[]
}

const MAX_QUERY_LENGTH = 100
const MAX_WORDS = 8

/** One value from a query string field (Express gives a string, an array for repeats, or an object). */
function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0])
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Reads the catalogue's GET form. Bad input never fails: an unknown value is dropped and named in
 * `ignored` so the page can say so; a bad page number means page 1.
 */
export function parseFilters(query: Record<string, unknown>, choices: FilterChoices): ParsedFilters {
  const filters: CatalogueFilters = {}
  const values: FilterValues = {
    q: '',
    topic: '',
    hub: '',
    age: '',
    day: '',
    time: '',
    delivery: '',
    language: '',
    view: '',
    when: '',
    fromDay: '',
    fromMonth: '',
    fromYear: '',
    toDay: '',
    toMonth: '',
    toYear: '',
  }
  const ignored: string[] = []
  const accept = <K extends keyof FilterValues>(field: K, raw: string, ok: boolean, apply: () => void) => {
    if (raw === '') return
    if (!ok) {
      ignored.push(field)
      return
    }
    values[field] = raw
    apply()
  }

  // Control characters (a NUL byte would make PostgreSQL refuse the text) become spaces.
  const q = single(query.q)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
  const words = q
    .split(' ')
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS)
  if (words.length > 0) {
    values.q = q
    filters.words = words
    const synonyms = Object.fromEntries(words.map((word) => [word, synonymsOf(word)]).filter(([, also]) => also!.length > 0))
    if (Object.keys(synonyms).length > 0) filters.synonyms = synonyms
  }

  const topic = single(query.topic)
  accept('topic', topic, choices.topics.includes(topic), () => (filters.topic = topic))

  const hub = single(query.hub)
  const hubId = /^\d{1,9}$/.test(hub) ? Number(hub) : NaN
  accept('hub', hub, choices.hubIds.includes(hubId), () => (filters.hubId = hubId))

  const age = single(query.age)
  const band = findAgeBand(age)
  accept('age', age, band !== undefined, () => (filters.age = band))

  const day = single(query.day).toLowerCase()
  const dayIndex = daysOfWeek.indexOf(day as DayOfWeek)
  accept('day', day, dayIndex >= 0, () => (filters.isoDay = dayIndex + 1))

  const time = single(query.time).toLowerCase()
  accept('time', time, partsOfDay.includes(time as PartOfDay), () => (filters.partOfDay = time as PartOfDay))

  const delivery = single(query.delivery)
  accept(
    'delivery',
    delivery,
    (deliveryFilters as readonly string[]).includes(delivery),
    () => (filters.delivery = delivery as DeliveryFilter),
  )

  const language = single(query.language)
  const knownLanguage = choices.languages.find((l) => l.toLowerCase() === language.toLowerCase())
  accept('language', language, knownLanguage !== undefined, () => (filters.language = knownLanguage))
  if (knownLanguage) values.language = knownLanguage

  const view = single(query.view)
  accept('view', view, view === 'by-day', () => undefined)

  const pageText = single(query.page)
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1

  return { filters, values, page, ignored }
}

/** The query string for the same search on another page ("" for the first page with no filters). */
export function searchQueryString(values: FilterValues, page = 1): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value)
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Whether anything narrows the catalogue (the view, list or by day, is not a filter). */
export const hasFilters = (values: FilterValues): boolean => Object.entries(values).some(([key, value]) => key !== 'view' && value !== '')
