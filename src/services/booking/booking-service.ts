import type { Config } from '../../config.js'
import type { Db, Tx } from '../../db/database.js'
import type { BookingRepository, BookingRow, CourseSummary } from '../../data/booking-repository.js'
import type { ChildRow, FamilyRepository, FamilyRow } from '../../data/family-repository.js'
import type { OpenOfferRepository } from '../../data/booking/open-offer-repository.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import { hashToken } from '../tokens.js'
import { BookingChanges } from './booking-changes.js'
import { BookingContext } from './booking-context.js'
import { CourseChange } from './course-change.js'
import type {
  AcceptOptions,
  AcceptResult,
  BookInput,
  BookResult,
  CancelOptions,
  CancelResult,
  ChangeCourseOptions,
  ChangeCourseResult,
  DeclineResult,
  ExpireResult,
  JoinWaitingListResult,
  LeaveOptions,
  LeaveResult,
  PlaceOffer,
  PromoteOptions,
  PromoteResult,
  Waiting,
} from './booking-types.js'
import { isBookable, PlaceRequests } from './place-requests.js'
import { normaliseReference } from './references.js'
import { ProgrammeQueue } from './programme-queue.js'
import type { PlacesCameUp } from '../new-dates/new-dates-service.js'
import { Refill, type StartOpenOfferOptions, type StartOpenOfferResult } from './refill.js'
import type { Effects, UnitOfWork } from '../unit-of-work.js'

export interface BookingDetails {
  booking: BookingRow
  family: FamilyRow
  children: ChildRow[]
  course: CourseSummary
  /** Place in the queue (1 = next), while the booking is waiting. */
  position: number | undefined
  manageToken: string
}

type AvailabilityState = 'open' | 'full' | 'closed' | 'referral_only'

/** What the booking journey shows before asking anything: a read, not a promise of a place. */
export interface CourseAvailability {
  course: CourseSummary
  state: AvailabilityState
  placesLeft: number
}

export interface BookingServiceDependencies {
  db: Db
  bookings: BookingRepository
  families: FamilyRepository
  notifier: BookingNotifier
  /** Runs every write: one transaction, retried when worth it, its jobs queued after commit. */
  unitOfWork: UnitOfWork
  config: Config
  /** "Tell me about new dates": subscribers are told of runs with places no one waits for. */
  newDates?: PlacesCameUp
  openOffers: OpenOfferRepository
}

/** Manage-link tokens are 32 bytes of HMAC in base64url: anything else is not worth a look-up. */
const MANAGE_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/**
 * Booking places and waiting-list entries on courses and drop-ins, online and by staff, and
 * every change after. The public API other journeys use (reception, text-message replies):
 * see the README's "Booking rules" for the rules in plain words.
 */
export class BookingService {
  private readonly ctx: BookingContext
  private readonly requests: PlaceRequests
  private readonly changes: BookingChanges
  private readonly courseChange: CourseChange
  /** Which other runs of the programme a waiting family would take (issue 10). */
  readonly programmeQueue: ProgrammeQueue

  private readonly refill: Refill

  constructor(deps: BookingServiceDependencies) {
    this.ctx = new BookingContext(
      deps.db,
      deps.bookings,
      deps.families,
      deps.notifier,
      deps.config,
      deps.unitOfWork,
      deps.openOffers,
      deps.newDates,
    )
    this.requests = new PlaceRequests(this.ctx)
    this.changes = new BookingChanges(this.ctx)
    this.courseChange = new CourseChange(this.ctx, this.requests, this.changes)
    this.programmeQueue = new ProgrammeQueue(this.ctx)
    this.refill = new Refill(this.ctx, this.changes)
  }

  /**
   * A place, if one is free (or over capacity with overbookReason). Outcomes: confirmed, full,
   * already_booked (this email or phone already holds a place or a queue entry on the course),
   * closed, referral_only (online only), no_such_course. The same requestKey again returns the
   * first request's booking: confirmed, or waiting if that request joined the queue.
   *
   * Staff pass `audit` (here and on every change below) to write the audit entry inside the
   * booking's own transaction: see AuditHook.
   */
  book(input: BookInput): Promise<BookResult | Waiting> {
    return this.requests.book(input)
  }

  /** A place in the queue, or a place straight away if one is free. */
  joinWaitingList(input: BookInput): Promise<JoinWaitingListResult> {
    return this.requests.joinWaitingList(input)
  }

  /** Frees the place at once and offers it to the waiting list in the same transaction. */
  cancel(bookingId: number, options: CancelOptions = {}): Promise<CancelResult> {
    return this.changes.cancel(bookingId, options)
  }

  leaveWaitingList(bookingId: number, options: LeaveOptions = {}): Promise<LeaveResult> {
    return this.changes.leaveWaitingList(bookingId, options)
  }

  acceptOffer(bookingId: number, options: AcceptOptions = {}): Promise<AcceptResult> {
    return this.changes.acceptOffer(bookingId, options)
  }

  declineOffer(bookingId: number, options: { now?: Date } = {}): Promise<DeclineResult> {
    return this.changes.declineOffer(bookingId, options)
  }

  /** Idempotent: only an offer still open and past its time is expired (then offered onwards). */
  expireOffer(bookingId: number, options: { now?: Date } = {}): Promise<ExpireResult> {
    return this.changes.expireOffer(bookingId, options)
  }

  promoteFromWaitingList(bookingId: number, options: PromoteOptions = {}): Promise<PromoteResult> {
    return this.changes.promoteFromWaitingList(bookingId, options)
  }

  /**
   * Staff move a family to another course or drop-in, in one transaction: a confirmed place on the
   * new one (full unless overbookReason), the old booking cancelled (or its queue entry ended),
   * the freed place offered to the old course's waiting list, and the messages for each. When the
   * new course is full, closed or already holds the family, nothing changes.
   */
  changeCourse(bookingId: number, toCourseId: number, options: ChangeCourseOptions = {}): Promise<ChangeCourseResult> {
    return this.courseChange.changeCourse(bookingId, toCourseId, options)
  }

  /**
   * Inside the caller's unit of work, after anything that frees places or raises capacity: offers
   * the free places to the waiting list. Their expiry jobs and messages go after commit.
   */
  offerFreedPlaces(tx: Tx, effects: Effects, courseId: number, now = new Date()): Promise<PlaceOffer[]> {
    return this.changes.offerInto(tx, effects, courseId, now)
  }

  /**
   * Staff added a run: its places go to the families waiting for any run of the programme, and
   * everyone who asked to hear about new dates is told (once per run, whatever happens after).
   */
  async newRunAdded(tx: Tx, effects: Effects, courseId: number, now = new Date()): Promise<PlaceOffer[]> {
    const offers = await this.changes.offerInto(tx, effects, courseId, now)
    await this.ctx.newDates.placesCameUp(tx, courseId, now, effects)
    return offers
  }

  /** offerFreedPlaces in a transaction of its own, for a caller that has already committed. */
  async offerFreedPlacesNow(courseId: number, now?: Date): Promise<PlaceOffer[]> {
    return this.ctx.unitOfWork.run((tx, effects) => this.changes.offerInto(tx, effects, courseId, now ?? new Date()))
  }

  /** The sweep job's work: expires offers whose own expiry job was lost. Returns how many. */
  async expireOverdueOffers(now = new Date()): Promise<number> {
    let expired = 0
    for (const offer of await this.ctx.bookings.overdueOffers(this.ctx.db, now)) {
      if ((await this.expireOffer(offer.id, { now })).outcome === 'expired') expired++
    }
    return expired
  }

  /**
   * CONTRACT (jobs/refill-sweep.ts, the refill benchmark): idempotent. Expires due exclusive
   * offers and moves their places on (to the next family, or to everyone waiting when one at a
   * time can no longer finish before the cut-off), closes open offers past their cut-off, and
   * offers free places with families waiting that nobody has offered.
   */
  refillSweep(now: Date): Promise<void> {
    return this.refill.sweep(now)
  }

  /** Staff's "Offer to everyone waiting" (the caller checks permission for the run's hub). */
  startOpenOffer(courseId: number, options: StartOpenOfferOptions = {}): Promise<StartOpenOfferResult> {
    return this.refill.startOpenOffer(courseId, options)
  }

  /** The open offer a waiting family may accept now (first to accept gets a place), if there is one. */
  async liveOpenOfferFor(booking: Pick<BookingRow, 'status' | 'courseId'>, now = new Date()): Promise<{ closesAt: Date } | undefined> {
    if (booking.status !== 'waiting') return undefined
    const live = await this.ctx.openOffers.live(this.ctx.db, booking.courseId)
    return live && live.closesAt > now ? { closesAt: live.closesAt } : undefined
  }

  async waitingListPosition(bookingId: number): Promise<number | undefined> {
    const booking = await this.ctx.bookings.findById(this.ctx.db, bookingId)
    return booking ? this.ctx.position(this.ctx.db, booking) : undefined
  }

  /** The booking a manage link opens. Only the token's hash is stored and looked up. */
  async findByManageToken(token: string): Promise<BookingRow | undefined> {
    if (!MANAGE_TOKEN_SHAPE.test(token)) return undefined
    return this.ctx.bookings.findByManageTokenHash(this.ctx.db, hashToken(token))
  }

  /** By reference as typed or read out: "fh-7k3p-q9", "7K3P Q9". */
  async findByReference(reference: string): Promise<BookingRow | undefined> {
    const normalised = normaliseReference(reference)
    return normalised ? this.ctx.bookings.findByReference(this.ctx.db, normalised) : undefined
  }

  findById(bookingId: number): Promise<BookingRow | undefined> {
    return this.ctx.bookings.findById(this.ctx.db, bookingId)
  }

  /** The link a confirmation carries: /manage/<token>. */
  manageTokenFor(booking: Pick<BookingRow, 'manageNonce'>): string {
    return this.ctx.manageTokenFor(booking)
  }

  /** A booking with its family, children, course (programme, hub, sessions) and queue position. */
  async details(bookingId: number): Promise<BookingDetails | undefined> {
    const booking = await this.ctx.bookings.findById(this.ctx.db, bookingId)
    if (!booking) return undefined
    const [family, children, course, position] = await Promise.all([
      this.ctx.families.findById(this.ctx.db, booking.familyId),
      this.ctx.families.childrenOf(this.ctx.db, booking.familyId),
      this.ctx.bookings.courseSummary(this.ctx.db, booking.courseId),
      this.ctx.position(this.ctx.db, booking),
    ])
    if (!family || !course) return undefined
    return { booking, family, children, course, position, manageToken: this.ctx.manageTokenFor(booking) }
  }

  courseSummary(courseId: number): Promise<CourseSummary | undefined> {
    return this.ctx.bookings.courseSummary(this.ctx.db, courseId)
  }

  /** Whether the online journey can book a place, join the queue, or neither, as things stand. */
  async availability(courseId: number, now = new Date()): Promise<CourseAvailability | undefined> {
    const course = await this.ctx.bookings.courseSummary(this.ctx.db, courseId)
    if (!course) return undefined
    const span = await this.ctx.bookings.sessionSpan(this.ctx.db, courseId)
    const placesLeft = Math.max(0, course.course.capacity - course.course.placesTaken)
    let state: AvailabilityState = placesLeft > 0 ? 'open' : 'full'
    if (!isBookable({ course: course.course, bookingMode: course.programme.bookingMode, ...span }, 'online', now)) state = 'closed'
    else if (course.programme.bookingMode === 'referral') state = 'referral_only'
    return { course, state, placesLeft }
  }
}
