import { inLondon } from '../../time.js'
import type { Audience, BookingMode, CourseKind, DeliveryMode } from '../../domain/catalogue.js'
import { defaultLanguage, languageFacts, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'
import { localeFormat } from '../../i18n/format.js'

/**
 * Descriptions of programmes and courses, as parents read them on the pages, in the visitor's
 * language (English unless one is given: the Open Referral UK API and staff pages read English).
 * Pure functions: the catalogue service calls them, the unit tests pin the wording.
 */

export interface AgeRange {
  audience: Audience
  childAgeFromMonths: number | null
  childAgeToMonths: number | null
}

/** "3 months", "18 months", "2 years": months under 2 years unless whole years, then years. */
function age(months: number, language: Language): string {
  const t = translator(language)
  if ((months % 12 === 0 && months >= 24) || months === 12) return t('catalogue:age.years', { count: months / 12 })
  return t('catalogue:age.months', { count: months })
}

function ages(from: number | null, to: number | null, language: Language): string | undefined {
  if (to === null && !from) return undefined
  const t = translator(language)
  if (to === null) return t('catalogue:ages.andOver', { age: age(from ?? 0, language) })
  const lower = from ?? 0
  // Whole years on both ends read best as "aged 3 to 8"; babies and toddlers in months.
  if (to > 24 && lower % 12 === 0 && to % 12 === 0)
    return lower === 0
      ? t('catalogue:ages.upToYears', { count: to / 12 })
      : t('catalogue:ages.yearsRange', { from: lower / 12, count: to / 12 })
  if (to <= 24) return t(to <= 12 ? 'catalogue:ages.babiesMonths' : 'catalogue:ages.childrenMonths', { from: lower, count: to })
  return t('catalogue:ages.range', { from: age(lower, language), to: age(to, language) })
}

/** "children aged 3 to 8", "babies aged 0 to 12 months"; undefined when there is no age range. */
export function childrenAged({ childAgeFromMonths, childAgeToMonths }: AgeRange, language: Language = defaultLanguage): string | undefined {
  return ages(childAgeFromMonths, childAgeToMonths, language)
}

/** "Parents and carers of children aged 3 to 8", "Pregnant parents and parents of babies aged 0 to 12 months" */
export function whoItIsFor({ audience, childAgeFromMonths, childAgeToMonths }: AgeRange, language: Language = defaultLanguage): string {
  const t = translator(language)
  const children = ages(childAgeFromMonths, childAgeToMonths, language)
  if (audience === 'practitioners') return t('catalogue:whoFor.practitioners')
  if (audience === 'pregnant') return children ? t('catalogue:whoFor.pregnantAndChildren', { children }) : t('catalogue:whoFor.pregnant')
  return children ? t('catalogue:whoFor.parentsOf', { children }) : t('catalogue:whoFor.anyAge')
}

/** "In person at a family hub", "Online", "In person or online" */
export const deliveryLabel = (delivery: DeliveryMode, language: Language = defaultLanguage): string =>
  translator(language)(`catalogue:delivery.${delivery}`)

/** "Course", "Drop-in" */
export const kindLabel = (kind: CourseKind, language: Language = defaultLanguage): string => translator(language)(`catalogue:kind.${kind}`)

/**
 * "Tuesday 3 March", with the year only when it is not this year. MMMM, the month as it reads in a
 * date ("3 marca" in Polish; LLLL would be the month on its own, "3 marzec").
 */
export function dayAndDate(instant: Date, now: Date, language: Language = defaultLanguage): string {
  const t = inLondon(instant)
  const local = language === defaultLanguage ? t : t.setLocale(languageFacts[language].intlLocale)
  return t.year === inLondon(now).year ? local.toFormat('cccc d MMMM') : local.toFormat('cccc d MMMM yyyy')
}

export interface SessionTimes {
  startsAt: Date
  endsAt: Date
}

/** True when every session is exactly a week (by London calendar) after the one before. */
function isWeekly(sessions: readonly SessionTimes[]): boolean {
  if (sessions.length < 2) return false
  return sessions.every(
    (s, i) =>
      i === 0 ||
      inLondon(sessions[i - 1]!.startsAt)
        .plus({ weeks: 1 })
        .toMillis() === s.startsAt.getTime(),
  )
}

/**
 * When a course or drop-in meets, in one line:
 *   drop-in: "Wednesday 4 March, 10am to 11:30am"
 *   course:  "8 weekly sessions from Tuesday 3 March, 10am to 12pm"
 * `sessions` are the ones still on (not cancelled), in order.
 */
export function whenText(kind: CourseKind, sessions: readonly SessionTimes[], now: Date, language: Language = defaultLanguage): string {
  const t = translator(language)
  const first = sessions[0]
  if (!first) return t('catalogue:when.none')
  const times = localeFormat(language).formatTimeRange(first.startsAt, first.endsAt)
  const date = dayAndDate(first.startsAt, now, language)
  if (kind === 'drop_in' || sessions.length === 1) return t('common:time.dateAndRange', { date, range: times })
  const started = first.startsAt.getTime() <= now.getTime()
  const key = isWeekly(sessions) ? (started ? 'weeklyStarted' : 'weeklyFrom') : started ? 'started' : 'from'
  return t(`catalogue:when.${key}`, { count: sessions.length, date, times })
}

export type CourseStatus =
  | { kind: 'available'; placesLeft: number; label: string; colour: 'green' }
  | { kind: 'full'; placesLeft: 0; label: string; colour: 'orange' }
  | { kind: 'referral'; placesLeft: number; label: string; colour: 'purple' }
  | { kind: 'closed'; placesLeft: number; label: string; colour: 'grey' }
  | { kind: 'cancelled'; placesLeft: number; label: string; colour: 'red' }
  | { kind: 'finished'; placesLeft: number; label: string; colour: 'grey' }

export interface StatusFacts {
  capacity: number
  placesTaken: number
  bookingOpen: boolean
  cancelled: boolean
  finished: boolean
  bookingMode: BookingMode
}

/** Places left never shows below 0, even when staff have over-booked a course. */
const placesLeft = (capacity: number, placesTaken: number): number => Math.max(0, capacity - placesTaken)

/**
 * What a parent can do now, most decisive first: a cancelled or finished course cannot be booked;
 * closed booking beats everything else; referral-only courses are booked by professionals; then
 * full (the waiting list) or the places left.
 */
export function courseStatus(facts: StatusFacts, language: Language = defaultLanguage): CourseStatus {
  const t = translator(language)
  const left = placesLeft(facts.capacity, facts.placesTaken)
  if (facts.cancelled) return { kind: 'cancelled', placesLeft: left, label: t('catalogue:status.cancelled'), colour: 'red' }
  if (facts.finished) return { kind: 'finished', placesLeft: left, label: t('catalogue:status.finished'), colour: 'grey' }
  if (!facts.bookingOpen) return { kind: 'closed', placesLeft: left, label: t('catalogue:status.closed'), colour: 'grey' }
  if (facts.bookingMode === 'referral')
    return { kind: 'referral', placesLeft: left, label: t('catalogue:status.referral'), colour: 'purple' }
  if (left === 0) return { kind: 'full', placesLeft: 0, label: t('catalogue:status.full'), colour: 'orange' }
  return { kind: 'available', placesLeft: left, label: t('catalogue:placesLeft', { count: left }), colour: 'green' }
}

/** courseStatus from the course and programme rows, as the catalogue pages show them. */
export function statusOfCourse(
  course: { capacity: number; placesTaken: number; bookingOpen: boolean; cancelledAt: Date | null },
  programme: { bookingMode: BookingMode },
  finished: boolean,
  language: Language = defaultLanguage,
): CourseStatus {
  return courseStatus(
    {
      capacity: course.capacity,
      placesTaken: course.placesTaken,
      bookingOpen: course.bookingOpen,
      bookingMode: programme.bookingMode,
      cancelled: course.cancelledAt !== null,
      finished,
    },
    language,
  )
}
