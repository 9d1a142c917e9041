import type { BookingRow } from '../../data/booking-repository.js'
import type { Tx } from '../../db/database.js'
import type { ConsentSource } from '../../domain/families.js'
import type { Language } from '../../i18n/languages.js'

/**
 * For staff: writes who did what (the audit log) in the transaction that made the change, so the
 * change and its record commit together or not at all. It runs last, only when the operation
 * changed something (not for full, not allowed, or a repeated request key); a throw undoes it all.
 */
export type AuditHook<R> = (tx: Tx, result: R) => Promise<void>

/** What the audit hook of a change to an existing booking is given: the outcome, and the booking before. */
export type Changed<R> = R & { before: BookingRow }

/** A new family, as the online journey or reception collects it. Email lower-cased, phone E.164. */
export interface NewFamily {
  parentName: string
  email?: string | null
  phone?: string | null
  postcode?: string | null
  contactByEmail: boolean
  contactBySms: boolean
  /** When the family agreed to reminders, and how (online, or recorded by staff). */
  consentGivenAt?: Date | null
  consentSource?: ConsentSource | null
  consentRecordedBy?: number | null
  interpreterLanguage?: string | null
  needsStepFree?: boolean
  needsChildcare?: boolean
  otherSupport?: string | null
  /** Staff only: referral and waiting-list priority. */
  priority?: boolean
  referredBy?: string | null
  referralNotes?: string | null
}

/** A child: age in years, or date of birth, or an expected baby's due date (ISO dates). */
export interface ChildInput {
  firstName: string
  ageYears?: number | null
  dateOfBirth?: string | null
  dueDate?: string | null
}

type BookingChannel = 'online' | 'reception' | 'walk_in'

export interface BookInput {
  courseId: number
  /** A new family, or an existing record (staff). */
  family: NewFamily | { familyId: number }
  /** Only for a new family: its children. An existing family's children are edited by staff. */
  children?: ChildInput[]
  /** The journey's one-time key: the same key again returns the first booking (double submit). */
  requestKey?: string
  source: BookingChannel
  staffUserId?: number
  /** Staff only (the caller checks permission): book even when full, with this reason recorded. */
  overbookReason?: string
  /** Staff: the audit entry, written in the booking's own transaction (see AuditHook). */
  audit?: AuditHook<Confirmed | Waiting>
  /**
   * Joining the queue of a full run: other runs of the same programme that would suit the family
   * too (course ids), or 'any' run of it. The one queue entry then spans them (issue 10).
   */
  alsoSuitable?: AlsoSuitable
  now?: Date
  /** The language the family booked in ('en' when not given): their later messages use it. */
  language?: Language
}

/** Other runs of the programme a waiting family would take: course ids, or any run. */
export type AlsoSuitable = number[] | 'any'

export type Confirmed = { outcome: 'confirmed'; booking: BookingRow; manageToken: string }
export type Waiting = { outcome: 'waiting'; booking: BookingRow; position: number; manageToken: string }
export type AlreadyBooked = { outcome: 'already_booked'; booking: BookingRow }
type Full = { outcome: 'full' }
/** Booking is closed: booking_open false, the course is cancelled, or its first session has started. */
type Closed = { outcome: 'closed' }
type ReferralOnly = { outcome: 'referral_only' }
type NoSuchCourse = { outcome: 'no_such_course' }

export type BookResult = Confirmed | Full | AlreadyBooked | Closed | ReferralOnly | NoSuchCourse
export type JoinWaitingListResult = Waiting | Confirmed | AlreadyBooked | Closed | ReferralOnly | NoSuchCourse

/** A booking (or queue entry) whose status did not allow the action, returned as it is now. */
type NotAllowed = { outcome: 'not_allowed'; booking: BookingRow }
type NoSuchBooking = { outcome: 'no_such_booking' }

type Cancelled = { outcome: 'cancelled'; booking: BookingRow }
type Left = { outcome: 'left'; booking: BookingRow }
export type CancelResult = Cancelled | NotAllowed | NoSuchBooking
export type LeaveResult = Left | NotAllowed | NoSuchBooking
/** place_gone: an open offer someone else took first, or that closed; the family is still waiting. */
export type AcceptResult =
  | Confirmed
  | { outcome: 'offer_expired'; booking: BookingRow }
  | { outcome: 'place_gone'; booking: BookingRow }
  | NotAllowed
  | NoSuchBooking
export type DeclineResult = { outcome: 'declined'; booking: BookingRow } | NotAllowed | NoSuchBooking
export type ExpireResult = { outcome: 'expired'; booking: BookingRow } | { outcome: 'not_due' } | NoSuchBooking
export type PromoteResult = Confirmed | Full | NotAllowed | NoSuchBooking

export interface CancelOptions {
  reason?: string | null
  staffUserId?: number
  audit?: AuditHook<Changed<Cancelled>>
  now?: Date
}
export interface LeaveOptions {
  audit?: AuditHook<Changed<Left>>
  now?: Date
}
export interface AcceptOptions {
  /** Runs in the acceptance's own transaction (as AuditHook): text replies use it to skip the confirmation text. */
  audit?: AuditHook<Changed<Confirmed>>
  now?: Date
}
export interface PromoteOptions {
  staffUserId?: number
  overbookReason?: string
  audit?: AuditHook<Changed<Confirmed>>
  now?: Date
}

/**
 * A family moved to another course or drop-in: `booking` is the new place, `previous` the old
 * booking as it ended (cancelled, or taken off the waiting list).
 */
export type CourseChanged = { outcome: 'changed'; booking: BookingRow; previous: BookingRow; manageToken: string }
type SameCourse = { outcome: 'same_course'; booking: BookingRow }
export type ChangeCourseResult = CourseChanged | Full | AlreadyBooked | Closed | NoSuchCourse | SameCourse | NotAllowed | NoSuchBooking

export interface ChangeCourseOptions {
  staffUserId?: number
  /** Book the new course over its capacity with this reason (the caller checks who may). */
  overbookReason?: string
  audit?: AuditHook<Changed<CourseChanged>>
  now?: Date
}

/** A place held for a family on the waiting list until expiresAt. */
export interface PlaceOffer {
  bookingId: number
  courseId: number
  expiresAt: Date
}
