import { DateTime } from 'luxon'
import { formatDate, formatShortDate, formatTime, LONDON } from '../time.js'
import { languageFacts, type Language } from './languages.js'
import { translator } from './translator.js'

/**
 * Dates, times and numbers as each language writes them, always in London time. English keeps the
 * GOV.UK style of time.ts ("10:30am", "Tuesday 3 March 2026"); the others use their locale's own
 * forms through luxon and Intl (24-hour clock, the locale's month names and digits).
 */
export interface LocaleFormat {
  formatDate(instant: Date): string
  formatShortDate(instant: Date): string
  formatTime(instant: Date): string
  formatTimeRange(start: Date, end: Date): string
  formatSessionTime(start: Date, end: Date): string
  formatNumber(n: number): string
}

const cache = new Map<Language, LocaleFormat>()

export function localeFormat(language: Language): LocaleFormat {
  const known = cache.get(language)
  if (known) return known
  const t = translator(language)
  const locale = languageFacts[language].intlLocale
  const numbers = new Intl.NumberFormat(locale)
  const wall = (instant: Date) => DateTime.fromJSDate(instant, { zone: LONDON }).setLocale(locale)
  const date = language === 'en' ? formatDate : (instant: Date) => wall(instant).toFormat('cccc d MMMM yyyy')
  const shortDate = language === 'en' ? formatShortDate : (instant: Date) => wall(instant).toFormat('ccc d MMM')
  const time = language === 'en' ? formatTime : (instant: Date) => wall(instant).toLocaleString(DateTime.TIME_SIMPLE)
  const timeRange = (start: Date, end: Date) => t('common:time.range', { start: time(start), end: time(end) })
  const format: LocaleFormat = {
    formatDate: date,
    formatShortDate: shortDate,
    formatTime: time,
    formatTimeRange: timeRange,
    formatSessionTime: (start, end) => t('common:time.dateAndRange', { date: date(start), range: timeRange(start, end) }),
    formatNumber: (n) => numbers.format(n),
  }
  cache.set(language, format)
  return format
}
