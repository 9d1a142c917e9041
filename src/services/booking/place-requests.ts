import type { Executor, Tx } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import type { DatabaseRefusal } from '../../data/booking/database-errors.js'
import { lockCourse, readCourse, type LockedCourse } from '../../data/course-lock.js'
import { newManageCredentials } from '../tokens.js'
import { freePlaces, type BookingContext } from './booking-context.js'
import type {
  BookInput,
  BookResult,
  ChildInput,
  JoinWaitingListResult,
  NewFamily,
  Waiting,
  Confirmed,
  AlreadyBooked,
} from './booking-types.js'
import { newReference } from './references.js'
import { applySuitableRuns } from './programme-queue.js'
import type { Effects } from '../unit-of-work.js'
import type { Language } from '../../i18n/languages.js'

type Intent = 'book' | 'join'
export type Contact = { email: string | null; phone: string | null }

/** What insertBooking needs once the rules have been checked. */
export interface NewPlace {
  familyId: number
  contact: Contact
  status: 'confirmed' | 'waiting'
  /** Set: a confirmed place over capacity, with this reason recorded. */
  overbookReason: string | undefined
  source: BookInput['source']
  requestKey?: string | undefined
  staffUserId?: number | undefined
  /** A test's clock for the queue order; otherwise the database's. */
  waitlistJoinedAt?: Date | undefined
  now: Date
  language?: Language | undefined
}

/**
 * Asking for a place (book) or a place in the queue (join). The course row is locked first, so
 * requests for one course are decided one after another on the current count: never by a read
 * before the write. The database's own checks (capacity CHECK, one active booking per email or
 * phone, one booking per request key) back this up, and their refusals become outcomes here.
 */
export class PlaceRequests {
  constructor(private readonly ctx: BookingContext) {}

  book(input: BookInput): Promise<BookResult | Waiting> {
    return this.request(input, 'book') as Promise<BookResult | Waiting>
  }

  joinWaitingList(input: BookInput): Promise<JoinWaitingListResult> {
    return this.request(input, 'join') as Promise<JoinWaitingListResult>
  }

  private async request(input: BookInput, intent: Intent): Promise<BookResult | JoinWaitingListResult> {
    const now = input.now ?? new Date()
    if (intent === 'book' && !input.overbookReason && (await this.plainlyFull(input, now))) return { outcome: 'full' }
    return this.ctx.unitOfWork.run(
      (tx, effects) => this.decide(tx, effects, input, intent, now),
      (refusal) => this.recover(refusal, input, intent),
    )
  }

  /**
   * True when the course is full and nothing else would be the answer (closed, referral only, an
   * earlier submit of this form, a booking this family already holds): the same decision as decide()
   * makes, on one consistent snapshot and without the course lock. In a rush for the last places most
   * requests are for a course that is already full; they no longer queue one by one behind the lock.
   * Anything else goes on to the locked decision, so no place is ever given out by this read.
   */
  private async plainlyFull(input: BookInput, now: Date): Promise<boolean> {
    return this.ctx.db.transaction(
      async (tx) => {
        const course = await readCourse(tx, input.courseId)
        if (!course || freePlaces(course) > 0 || !isBookable(course, input.source, now)) return false
        if (input.source === 'online' && course.bookingMode === 'referral') return false
        if (input.requestKey && (await this.ctx.bookings.findByRequestKey(tx, input.requestKey))) return false
        const contact = await this.contactOf(tx, input.family)
        return !(await this.ctx.bookings.findActiveByContact(tx, input.courseId, contact.email, contact.phone))
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
  }

  /** After the database refused the booking (the transaction has rolled back): the answer it means. */
  private async recover(
    refusal: DatabaseRefusal,
    input: BookInput,
    intent: Intent,
  ): Promise<{ result: BookResult | JoinWaitingListResult } | 'again' | undefined> {
    if (refusal.kind === 'unique' && refusal.constraint === 'bookings_request_key_unique' && input.requestKey) {
      const earlier = await this.ctx.bookings.findByRequestKey(this.ctx.db, input.requestKey)
      if (earlier) return { result: await this.replay(earlier) }
    }
    if (refusal.kind === 'unique' && refusal.constraint?.startsWith('bookings_one_active_per_')) {
      const contact = await this.contactOf(this.ctx.db, input.family)
      const existing = await this.ctx.bookings.findActiveByContact(this.ctx.db, input.courseId, contact.email, contact.phone)
      if (existing) return { result: { outcome: 'already_booked', booking: existing } }
    }
    if (refusal.kind === 'unique' && refusal.constraint?.startsWith('bookings_one_programme_entry_')) {
      // Already waiting for (or holding a place from) this programme's queue: one entry per family.
      const contact = await this.contactOf(this.ctx.db, input.family)
      const existing = await this.ctx.bookings.programmeQueue.activeEntryInProgramme(
        this.ctx.db,
        input.courseId,
        contact.email,
        contact.phone,
      )
      if (existing) return { result: { outcome: 'already_booked', booking: existing } }
    }
    if (refusal.kind === 'check' && refusal.constraint === 'course_not_overbooked' && intent === 'book')
      return { result: { outcome: 'full' } }
    // Anything else the database refused: decide again on the state as it is now.
    if (refusal.kind === 'unique' || refusal.kind === 'check') return 'again'
    return undefined
  }

  private async decide(tx: Tx, effects: Effects, input: BookInput, intent: Intent, now: Date): Promise<BookResult | JoinWaitingListResult> {
    const locked = await lockCourse(tx, input.courseId)
    if (!locked) return { outcome: 'no_such_course' }
    // Checked after the lock: a second submit of the same form waited for the first to commit.
    if (input.requestKey) {
      const earlier = await this.ctx.bookings.findByRequestKey(tx, input.requestKey)
      if (earlier) return this.replay(earlier)
    }
    if (!isBookable(locked, input.source, now)) return { outcome: 'closed' }
    if (input.source === 'online' && locked.bookingMode === 'referral') return { outcome: 'referral_only' }
    const contact = await this.contactOf(tx, input.family)
    const existing = await this.ctx.bookings.findActiveByContact(tx, input.courseId, contact.email, contact.phone)
    if (existing) return { outcome: 'already_booked', booking: existing }

    const hasPlace = freePlaces(locked) > 0
    const overbook = !hasPlace && Boolean(input.overbookReason)
    if (!hasPlace && !overbook && intent === 'book') return { outcome: 'full' }
    const status = hasPlace || overbook ? 'confirmed' : 'waiting'

    const familyId = await this.familyIdFor(tx, input)
    const made = await this.insertBooking(tx, effects, locked, {
      familyId,
      contact,
      status,
      overbookReason: overbook ? input.overbookReason! : undefined,
      source: input.source,
      requestKey: input.requestKey,
      staffUserId: input.staffUserId,
      waitlistJoinedAt: input.now,
      now,
      // Staff booking for a known family: the language reception recorded for their messages, else
      // the language of their latest booking (online, the language of the pages they booked on).
      language: input.language ?? ('familyId' in input.family ? await this.familyLanguage(tx, familyId) : undefined),
    })
    // Other runs of the programme suit them too: the one queue entry spans them.
    if (made.outcome === 'waiting' && input.alsoSuitable) await applySuitableRuns(tx, this.ctx, made.booking, input.alsoSuitable)
    if (input.audit) await input.audit(tx, made)
    return made
  }

  /**
   * Inside a transaction that holds the course lock, after the rules are checked: the booking row
   * (a place, over capacity when overbookReason is given, or a queue entry) and its message.
   */
  async insertBooking(tx: Tx, effects: Effects, locked: LockedCourse, place: NewPlace): Promise<Confirmed | Waiting> {
    const courseId = locked.course.id
    if (place.overbookReason) {
      // Just enough head-room for this one booking above capacity; the CHECK still holds the rest.
      const needed = locked.course.placesTaken + 1 - locked.course.capacity
      await this.ctx.bookings.setOverbookedPlaces(tx, courseId, Math.max(locked.course.overbookedPlaces, needed))
    }
    const credentials = newManageCredentials(this.ctx.config.sessionSecret)
    const booking = await this.ctx.bookings.insert(tx, {
      reference: newReference(),
      courseId,
      familyId: place.familyId,
      status: place.status,
      source: place.source,
      contactEmail: place.contact.email,
      contactPhone: place.contact.phone,
      requestKey: place.requestKey ?? null,
      manageNonce: credentials.nonce,
      manageTokenHash: credentials.tokenHash,
      // Left out, a queue entry takes the database's clock (see BookingRepository.insert).
      waitlistJoinedAt: place.status === 'waiting' ? place.waitlistJoinedAt : null,
      confirmedAt: place.status === 'confirmed' ? place.now : null,
      overbooked: Boolean(place.overbookReason),
      overbookReason: place.overbookReason ? place.overbookReason.trim() : null,
      createdByStaffId: place.staffUserId ?? null,
      language: place.language ?? 'en',
    })
    if (place.status === 'confirmed') {
      await this.ctx.record(tx, effects, 'booking_confirmed', booking.id)
      return { outcome: 'confirmed', booking, manageToken: credentials.token }
    }
    await this.ctx.record(tx, effects, 'waitlist_joined', booking.id)
    return { outcome: 'waiting', booking, position: (await this.ctx.position(tx, booking)) ?? 1, manageToken: credentials.token }
  }

  /** The same request key again: the first request's booking, as it is now. */
  private async replay(earlier: BookingRow): Promise<Confirmed | Waiting | AlreadyBooked> {
    const manageToken = this.ctx.manageTokenFor(earlier)
    if (earlier.status === 'confirmed' || earlier.status === 'offered') return { outcome: 'confirmed', booking: earlier, manageToken }
    if (earlier.status === 'waiting') {
      return { outcome: 'waiting', booking: earlier, position: (await this.ctx.position(this.ctx.db, earlier)) ?? 1, manageToken }
    }
    return { outcome: 'already_booked', booking: earlier }
  }

  async contactOf(db: Executor, family: BookInput['family']): Promise<Contact> {
    if ('familyId' in family) {
      const row = await this.ctx.families.findById(db, family.familyId)
      if (!row) throw new Error(`No family ${family.familyId}`)
      return { email: row.email, phone: row.phone }
    }
    return { email: family.email?.trim().toLowerCase() || null, phone: family.phone?.trim() || null }
  }

  private async familyLanguage(tx: Tx, familyId: number): Promise<Language | undefined> {
    return (await this.ctx.families.messageLanguage(tx, familyId)) ?? (await this.ctx.bookings.latestLanguage(tx, familyId))
  }

  private async familyIdFor(tx: Tx, input: BookInput): Promise<number> {
    if ('familyId' in input.family) return input.family.familyId
    const family = await this.ctx.families.insert(tx, familyRow(input.family))
    await this.ctx.families.insertChildren(tx, family.id, (input.children ?? []).map(childRow))
    return family.id
  }
}

/**
 * Open for this kind of request now? Online and reception bookings close when booking is closed,
 * the course is cancelled or its first session has begun. A walk-in is added by a facilitator
 * in the room, so it only needs the course not to be cancelled or over.
 */
export function isBookable(locked: LockedCourse, source: BookInput['source'], now: Date): boolean {
  const { course, firstStartsAt, lastEndsAt } = locked
  if (course.cancelledAt || !firstStartsAt || !lastEndsAt) return false
  if (source === 'walk_in') return lastEndsAt > now
  return course.bookingOpen && firstStartsAt > now
}

/**
 * Whether a family can book a place on the run online now, as the course page offers it: online
 * booking open (isBookable) and not a referral-only programme.
 */
export function bookableOnline(locked: LockedCourse, now: Date): boolean {
  return isBookable(locked, 'online', now) && locked.bookingMode !== 'referral'
}

function familyRow(family: NewFamily) {
  const text = (value: string | null | undefined) => value?.trim() || null
  return {
    parentName: family.parentName.trim(),
    email: family.email?.trim().toLowerCase() || null,
    phone: text(family.phone),
    postcode: text(family.postcode),
    contactByEmail: family.contactByEmail,
    contactBySms: family.contactBySms,
    consentGivenAt: family.consentGivenAt ?? null,
    consentSource: family.consentSource ?? null,
    consentRecordedBy: family.consentRecordedBy ?? null,
    interpreterLanguage: text(family.interpreterLanguage),
    needsStepFree: family.needsStepFree ?? false,
    needsChildcare: family.needsChildcare ?? false,
    otherSupport: text(family.otherSupport),
    priority: family.priority ?? false,
    referredBy: text(family.referredBy),
    referralNotes: text(family.referralNotes),
  }
}

function childRow(child: ChildInput) {
  return {
    firstName: child.firstName.trim(),
    ageYears: child.ageYears ?? null,
    dateOfBirth: child.dateOfBirth ?? null,
    dueDate: child.dueDate ?? null,
  }
}
