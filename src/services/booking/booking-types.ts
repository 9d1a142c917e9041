import type { BookingRow } from '../../data/booking-repository.js'
import type { ConsentSource } from '../../db/schema/index.js'

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

export type BookingChannel = 'online' | 'reception' | 'walk_in'

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
  now?: Date
}

export type Confirmed = { outcome: 'confirmed'; booking: BookingRow; manageToken: string }
export type Waiting = { outcome: 'waiting'; booking: BookingRow; position: number; manageToken: string }
export type AlreadyBooked = { outcome: 'already_booked'; booking: BookingRow }
export type Full = { outcome: 'full' }
/** Booking is closed: booking_open false, the course is cancelled, or its first session has started. */
export type Closed = { outcome: 'closed' }
export type ReferralOnly = { outcome: 'referral_only' }
export type NoSuchCourse = { outcome: 'no_such_course' }

export type BookResult = Confirmed | Full | AlreadyBooked | Closed | ReferralOnly | NoSuchCourse
export type JoinWaitingListResult = Waiting | Confirmed | AlreadyBooked | Closed | ReferralOnly | NoSuchCourse

/** A booking (or queue entry) whose status did not allow the action, returned as it is now. */
export type NotAllowed = { outcome: 'not_allowed'; booking: BookingRow }
export type NoSuchBooking = { outcome: 'no_such_booking' }

export type CancelResult = { outcome: 'cancelled'; booking: BookingRow } | NotAllowed | NoSuchBooking
export type LeaveResult = { outcome: 'left'; booking: BookingRow } | NotAllowed | NoSuchBooking
export type AcceptResult = Confirmed | { outcome: 'offer_expired'; booking: BookingRow } | NotAllowed | NoSuchBooking
export type DeclineResult = { outcome: 'declined'; booking: BookingRow } | NotAllowed | NoSuchBooking
export type ExpireResult = { outcome: 'expired'; booking: BookingRow } | { outcome: 'not_due' } | NoSuchBooking
export type PromoteResult = Confirmed | Full | NotAllowed | NoSuchBooking

/** A place held for a family on the waiting list until expiresAt. */
export interface PlaceOffer {
  bookingId: number
  courseId: number
  expiresAt: Date
}
