import { DateTime } from 'luxon'
import { LONDON } from '../../time.js'
import { defaultLanguage, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'

/** The "When" choices of the catalogue's filter form. */
const whenChoices = ['this-week', 'next-week', 'dates'] as const
type When = (typeof whenChoices)[number]

/** What the form sent back for the date filter, to show again (the query string names). */
export interface DateValues {
  when: string
  fromDay: string
  fromMonth: string
  fromYear: string
  toDay: string
  toMonth: string
  toYear: string
}

export interface DateProblem {
  /** The id of the field to link to from the error summary. */
  href: string
  text: string
}

export interface ParsedDates {
  /** Sessions starting at or after `from` and before `to` (either may be open). */
  range?: { from?: Date; to?: Date }
  values: DateValues
  errors: DateProblem[]
  /** "when" had a value the form does not offer: left out of the search. */
  ignored: boolean
}

const single = (value: unknown): string => (Array.isArray(value) ? single(value[0]) : typeof value === 'string' ? value.trim() : '')

/** A London day from GOV.UK date input parts: undefined when blank, 'invalid' when not a real date. */
function readDay(day: string, month: string, year: string): DateTime | 'invalid' | undefined {
  if (day === '' && month === '' && year === '') return undefined
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'invalid'
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: LONDON })
  return date.isValid ? date : 'invalid'
}

/**
 * The catalogue's date filter: this week or next week (Monday to Sunday in London, so a week with a
 * clock change is still seven London days), or the London days between two dates, both included.
 * Unlike the other filters, a date a parent typed that is not a real date is an error to correct.
 */
export function parseDates(query: Record<string, unknown>, now: Date, language: Language = defaultLanguage): ParsedDates {
  const t = translator(language)
  const raw: DateValues = {
    when: single(query.when),
    fromDay: single(query.fromDay),
    fromMonth: single(query.fromMonth),
    fromYear: single(query.fromYear),
    toDay: single(query.toDay),
    toMonth: single(query.toMonth),
    toYear: single(query.toYear),
  }
  const empty: DateValues = { when: '', fromDay: '', fromMonth: '', fromYear: '', toDay: '', toMonth: '', toYear: '' }
  const anyDate = [raw.fromDay, raw.fromMonth, raw.fromYear, raw.toDay, raw.toMonth, raw.toYear].some((part) => part !== '')
  // Without JavaScript the date inputs show whatever is chosen: dates typed with no choice mean "dates".
  const when = (raw.when === '' && anyDate ? 'dates' : raw.when) as When | ''
  if (when === '') return { values: empty, errors: [], ignored: false }
  if (!(whenChoices as readonly string[]).includes(when)) return { values: empty, errors: [], ignored: true }

  const thisMonday = DateTime.fromJSDate(now, { zone: LONDON }).startOf('week')
  if (when === 'this-week') return week(thisMonday, empty, when)
  if (when === 'next-week') return week(thisMonday.plus({ weeks: 1 }), empty, when)

  const values = { ...raw, when }
  const from = readDay(raw.fromDay, raw.fromMonth, raw.fromYear)
  const to = readDay(raw.toDay, raw.toMonth, raw.toYear)
  const errors: DateProblem[] = []
  if (from === undefined && to === undefined) errors.push({ href: '#from-day', text: t('catalogue:dateErrors.noDates') })
  if (from === 'invalid') errors.push({ href: '#from-day', text: t('catalogue:dateErrors.fromNotReal') })
  if (to === 'invalid') errors.push({ href: '#to-day', text: t('catalogue:dateErrors.toNotReal') })
  if (errors.length === 0 && from instanceof DateTime && to instanceof DateTime && to < from) {
    errors.push({ href: '#to-day', text: t('catalogue:dateErrors.toBeforeFrom') })
  }
  if (errors.length > 0) return { values, errors, ignored: false }
  return {
    range: {
      ...(from instanceof DateTime ? { from: from.startOf('day').toJSDate() } : {}),
      // The end date is included: up to the start of the next London day.
      ...(to instanceof DateTime ? { to: to.startOf('day').plus({ days: 1 }).toJSDate() } : {}),
    },
    values,
    errors,
    ignored: false,
  }
}

function week(monday: DateTime, empty: DateValues, when: When): ParsedDates {
  return {
    range: { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() },
    values: { ...empty, when },
    errors: [],
    ignored: false,
  }
}

/** The London date of an instant, for cache keys of pages that depend on "this week". */
export const londonDate = (now: Date): string => DateTime.fromJSDate(now, { zone: LONDON }).toISODate()!
