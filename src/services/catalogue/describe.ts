import { inLondon, formatTimeRange } from '../../time.js'
import type { Audience, BookingMode, CourseKind, DeliveryMode } from '../../domain/catalogue.js'

/**
 * Plain-English descriptions of programmes and courses, as parents read them on the pages.
 * Pure functions: the catalogue service calls them, the unit tests pin the wording.
 */

export interface AgeRange {
  audience: Audience
  childAgeFromMonths: number | null
  childAgeToMonths: number | null
}

/** "3 months", "18 months", "2 years": months under 2 years unless whole years, then years. */
function age(months: number): string {
  if (months % 12 === 0 && months >= 24) return `${months / 12} years`
  if (months === 12) return '1 year'
  return `${months} months`
}

function ages(from: number | null, to: number | null): string | undefined {
  if (to === null && !from) return undefined
  const who = to !== null && to <= 12 ? 'babies' : 'children'
  if (to === null) return `${who} aged ${age(from ?? 0)} and over`
  const lower = from ?? 0
  // Whole years on both ends read best as "aged 3 to 8"; babies and toddlers in months.
  if (to > 24 && lower % 12 === 0 && to % 12 === 0)
    return lower === 0 ? `${who} up to ${to / 12} years old` : `${who} aged ${lower / 12} to ${to / 12}`
  if (to <= 24) return `${who} aged ${lower} to ${to} months`
  return `${who} aged ${age(lower)} to ${age(to)}`
}

/** "children aged 3 to 8", "babies aged 0 to 12 months"; undefined when there is no age range. */
export function childrenAged({ childAgeFromMonths, childAgeToMonths }: AgeRange): string | undefined {
  return ages(childAgeFromMonths, childAgeToMonths)
}

/** "Parents and carers of children aged 3 to 8", "Pregnant parents and parents of babies aged 0 to 12 months" */
export function whoItIsFor({ audience, childAgeFromMonths, childAgeToMonths }: AgeRange): string {
  const children = ages(childAgeFromMonths, childAgeToMonths)
  if (audience === 'practitioners') return 'Practitioners who work with children and families'
  if (audience === 'pregnant')
    return children ? `Pregnant parents, and parents and carers of ${children}` : 'Pregnant parents and their partners'
  return children ? `Parents and carers of ${children}` : 'Parents and carers of children of any age'
}

export const deliveryLabels: Readonly<Record<DeliveryMode, string>> = {
  in_person: 'In person at a family hub',
  online: 'Online',
  both: 'In person or online',
}

export const kindLabels: Readonly<Record<CourseKind, string>> = { course: 'Course', drop_in: 'Drop-in' }

/** "Tuesday 3 March", with the year only when it is not this year. */
export function dayAndDate(instant: Date, now: Date): string {
  const t = inLondon(instant)
  return t.year === inLondon(now).year ? t.toFormat('cccc d LLLL') : t.toFormat('cccc d LLLL yyyy')
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
export function whenText(kind: CourseKind, sessions: readonly SessionTimes[], now: Date): string {
  const first = sessions[0]
  if (!first) return 'No dates at the moment'
  const times = formatTimeRange(first.startsAt, first.endsAt)
  if (kind === 'drop_in' || sessions.length === 1) return `${dayAndDate(first.startsAt, now)}, ${times}`
  const count = `${sessions.length} ${isWeekly(sessions) ? 'weekly ' : ''}sessions`
  const started = first.startsAt.getTime() <= now.getTime()
  return `${count} ${started ? 'that started on' : 'from'} ${dayAndDate(first.startsAt, now)}, ${times}`
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

const placesLeftText = (n: number): string => (n === 1 ? '1 place left' : `${n} places left`)

/**
 * What a parent can do now, most decisive first: a cancelled or finished course cannot be booked;
 * closed booking beats everything else; referral-only courses are booked by professionals; then
 * full (the waiting list) or the places left.
 */
export function courseStatus(facts: StatusFacts): CourseStatus {
  const left = placesLeft(facts.capacity, facts.placesTaken)
  if (facts.cancelled) return { kind: 'cancelled', placesLeft: left, label: 'Cancelled', colour: 'red' }
  if (facts.finished) return { kind: 'finished', placesLeft: left, label: 'Finished', colour: 'grey' }
  if (!facts.bookingOpen) return { kind: 'closed', placesLeft: left, label: 'Booking closed', colour: 'grey' }
  if (facts.bookingMode === 'referral') return { kind: 'referral', placesLeft: left, label: 'Referral only', colour: 'purple' }
  if (left === 0) return { kind: 'full', placesLeft: 0, label: 'Full: join the waiting list', colour: 'orange' }
  return { kind: 'available', placesLeft: left, label: placesLeftText(left), colour: 'green' }
}

/** courseStatus from the course and programme rows, as the catalogue pages show them. */
export function statusOfCourse(
  course: { capacity: number; placesTaken: number; bookingOpen: boolean; cancelledAt: Date | null },
  programme: { bookingMode: BookingMode },
  finished: boolean,
): CourseStatus {
  return courseStatus({
    capacity: course.capacity,
    placesTaken: course.placesTaken,
    bookingOpen: course.bookingOpen,
    bookingMode: programme.bookingMode,
    cancelled: course.cancelledAt !== null,
    finished,
  })
}
