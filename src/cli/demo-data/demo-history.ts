import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { demoRows } from '../../data/demo/demo-rows.js'
import type { AttendanceStatus } from '../../domain/booking.js'
import { DEMO_STAFF } from '../../domain/demo-staff.js'
import type { Logger } from '../../logger.js'
import type { BookInput } from '../../services/booking/booking-types.js'
import type { JobQueue } from '../../services/job-queue.js'
import type { StaffPrincipal } from '../../services/staff/policy.js'
import { demoServices, type DemoServices } from './demo-services.js'
import { seededRandom } from './seeded-random.js'

/** A past course or drop-in (demo-past-schedule.ts), as inserted. */
export interface HistoryCourse {
  courseId: number
  kind: 'course' | 'drop_in'
  /** How many families ask for a place. */
  demand: number
  firstStartsAt: Date
  /** Referral-only programme: reception books. */
  referral: boolean
}

export interface HistoryFamily {
  id: number
  phone: string | null
  /** Agreed to texts: may answer one (CANCEL, YES, STOP). */
  texts: boolean
}

export interface HistoryInput {
  now: Date
  courses: HistoryCourse[]
  families: HistoryFamily[]
  config: Config
  logger: Logger
  /** The demo's references (the same every time), given to the bookings made here afterwards. */
  nextReference: () => string
}

const HOUR = 3600_000
const MINUTE = 60_000

/** How families behave, roughly as the hubs see it: most come, some cancel, some do not turn up. */
const CANCEL_RATE = 0.18
const LATE_SHARE = 0.35
const LEAVE_QUEUE_RATE = 0.1
const NO_SHOW_RATE = 0.11
const CANCELLED_LATE_RATE = 0.03
/** A late cancellation is often an answer to the day-before reminder text. */
const LATE_CANCEL_BY_TEXT = 0.7
const OFFER_ANSWERS = ['accept', 'decline', 'accept', 'expire', 'accept'] as const
const CANCEL_REASONS = ['Child unwell', 'Back at work that day', 'Appointment clash', 'Moved away', null]

/**
 * The last 12 weeks, played out in time order through the app's own services with their `now`:
 * families book at their booking time (joining the waiting list when it is full), some cancel
 * (some within 24 hours of the start), each freed place is offered by the booking service as in
 * real use and the offer is accepted, turned down or left to run out, a few families answer by
 * text (CANCEL, YES, STOP, or something else), walk-ins join drop-ins on the day, and the demo
 * facilitator takes the register after every session that has ended (the current courses' too).
 * Randomness is seeded, so the same `now` gives the same figures.
 *
 * Then, as the delivery worker would have done long ago, the messages due before `now` are given a
 * final state (sent, delivered, some failed) by demoRows.settlePastMessages: the worker has no clock
 * to replay and would really send them. Nothing in the past is left scheduled.
 */
export async function playDemoHistory(db: Db, input: HistoryInput): Promise<void> {
  const timeline = new Timeline(input.now)
  const services = demoServices(db, input.config, input.logger, () => timeline.clock, timeline)
  const facilitator = await facilitatorPrincipal(db)
  const play = new History(db, services, timeline, input, facilitator)
  play.plan()
  for (const session of await demoRows.sessionsEndedBetween(db, new Date(input.now.getTime() - 13 * 7 * 24 * HOUR), input.now)) {
    play.registerAfter(session)
  }
  await timeline.run()
  const courseIds = input.courses.map((c) => c.courseId)
  await demoRows.backdateBookings(db, courseIds)
  await demoRows.setReferences(db, courseIds, input.nextReference)
  await demoRows.settlePastMessages(db, input.now)
}

async function facilitatorPrincipal(db: Db): Promise<StaffPrincipal | undefined> {
  const account = DEMO_STAFF.find((a) => a.role === 'facilitator')
  if (!account) return undefined
  const id = await demoRows.staffUserIdByEmail(db, account.email)
  return id === undefined ? undefined : { id, name: account.name, email: account.email, role: 'facilitator', hubIds: [] }
}

interface Step {
  at: number
  order: number
  run: () => Promise<void>
}

/**
 * The simulated clock and its queue of steps, run in time order (then in the order added). It
 * stands in for the job queue: an offer's expiry job is a step of the family's answer instead.
 */
class Timeline implements JobQueue {
  clock: Date
  onOffer: (bookingId: number, expiresAt: Date) => void = () => undefined
  private readonly steps: Step[] = []
  private added = 0

  constructor(private readonly end: Date) {
    this.clock = new Date(end.getTime() - 14 * 7 * 24 * HOUR)
  }

  /** Steps at or after the end (the real now) never happen: the future is for real families. */
  at(when: Date | number, run: () => Promise<void>): void {
    const at = Math.max(typeof when === 'number' ? when : when.getTime(), this.clock.getTime())
    if (at >= this.end.getTime()) return
    const step = { at, order: this.added++, run }
    let low = 0
    let high = this.steps.length
    while (low < high) {
      const mid = (low + high) >> 1
      const other = this.steps[mid]!
      if (other.at < at || (other.at === at && other.order < step.order)) low = mid + 1
      else high = mid
    }
    this.steps.splice(low, 0, step)
  }

  async run(): Promise<void> {
    for (let step = this.steps.shift(); step; step = this.steps.shift()) {
      this.clock = new Date(step.at)
      await step.run()
    }
  }

  async scheduleOfferExpiry(bookingId: number, expiresAt: Date): Promise<void> {
    this.onOffer(bookingId, expiresAt)
  }

  async wakeDelivery(): Promise<void> {}
}

class History {
  private readonly random = seededRandom(20260912)
  private readonly familyOf = new Map<number, HistoryFamily>()
  private texts = 0
  private offers = 0
  private acceptedByText = 0

  constructor(
    private readonly db: Db,
    private readonly services: DemoServices,
    private readonly timeline: Timeline,
    private readonly input: HistoryInput,
    private readonly facilitator: StaffPrincipal | undefined,
  ) {
    timeline.onOffer = (bookingId, expiresAt) => this.answerOffer(bookingId, expiresAt)
  }

  private between(low: number, high: number): number {
    return low + this.random() * (high - low)
  }

  private chance(p: number): boolean {
    return this.random() < p
  }

  /** Everything known before the clock starts: who asks for which place, when. */
  plan(): void {
    for (const course of this.input.courses) {
      const families = this.shuffled(this.input.families)
      const asking = families.slice(0, Math.min(course.demand, families.length))
      const start = course.firstStartsAt.getTime()
      asking.forEach((family) => {
        const leadHours = course.kind === 'course' ? this.between(30, 28 * 24) : this.between(6, 12 * 24)
        this.timeline.at(daytime(start - leadHours * HOUR), () => this.ask(course, family))
      })
      if (course.kind === 'drop_in') {
        const walkIns = Math.floor(this.between(0, 3))
        families.slice(asking.length, asking.length + walkIns).forEach((family, i) => {
          this.timeline.at(start + (5 + 10 * i) * MINUTE, () => this.walkIn(course, family))
        })
      }
    }
    // A few families stop texts altogether (STOP), and one answers a reminder with a question.
    const texting = this.input.families.filter((f) => f.texts && f.phone)
    for (const [daysAgo, body, family] of [
      [58, 'STOP', texting[3]],
      [33, 'Stop', texting[8]],
      [19, 'Is there parking at the hub?', texting[5]],
    ] as const) {
      if (family) this.timeline.at(daytime(this.input.now.getTime() - daysAgo * 24 * HOUR), () => this.text(family, body))
    }
  }

  private shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }

  private async ask(course: HistoryCourse, family: HistoryFamily): Promise<void> {
    const now = this.timeline.clock
    const source: BookInput['source'] = course.referral || this.chance(0.2) ? 'reception' : 'online'
    const request: BookInput = { courseId: course.courseId, family: { familyId: family.id }, source, now }
    const result = await this.services.booking.joinWaitingList(request)
    if (result.outcome !== 'confirmed' && result.outcome !== 'waiting') return
    this.familyOf.set(result.booking.id, family)
    const start = course.firstStartsAt.getTime()
    if (result.outcome === 'waiting') {
      if (this.chance(LEAVE_QUEUE_RATE)) {
        this.timeline.at(this.between(now.getTime(), start - 26 * HOUR), () => this.leaveQueue(result.booking.id))
      }
      return
    }
    if (!this.chance(CANCEL_RATE)) return
    // Most cancel in the last week, when the waiting list has formed; some on the day (late).
    const late = this.chance(LATE_SHARE) || start - now.getTime() < 30 * HOUR
    const at = late
      ? start - this.between(2, 22) * HOUR
      : this.between(Math.max(now.getTime() + HOUR, start - 8 * 24 * HOUR), start - 26 * HOUR)
    if (at > now.getTime()) this.timeline.at(at, () => this.cancel(result.booking.id, family, late))
  }

  private async walkIn(course: HistoryCourse, family: HistoryFamily): Promise<void> {
    const request: BookInput = { courseId: course.courseId, family: { familyId: family.id }, source: 'walk_in', now: this.timeline.clock }
    const result = await this.services.booking.book(request)
    if (result.outcome === 'confirmed') this.familyOf.set(result.booking.id, family)
  }

  /** A late one may be a reply to the day-before reminder text. */
  private async cancel(bookingId: number, family: HistoryFamily, late: boolean): Promise<void> {
    if (late && family.texts && family.phone && this.chance(LATE_CANCEL_BY_TEXT)) return this.text(family, 'CANCEL')
    const reason = CANCEL_REASONS[Math.floor(this.random() * CANCEL_REASONS.length)] ?? null
    await this.services.booking.cancel(bookingId, { reason, now: this.timeline.clock })
  }

  private async leaveQueue(bookingId: number): Promise<void> {
    await this.services.booking.leaveWaitingList(bookingId, { now: this.timeline.clock })
  }

  /** A place was offered (the booking service decided it, in the cancel or decline that freed it). */
  private answerOffer(bookingId: number, expiresAt: Date): void {
    const offeredAt = this.timeline.clock.getTime()
    const family = this.familyOf.get(bookingId)
    const answerBy = Math.min(expiresAt.getTime() - MINUTE, offeredAt + 18 * HOUR)
    // In turn rather than by chance: even a quiet 12 weeks has offers taken, turned down and run out.
    const answer = OFFER_ANSWERS[this.offers++ % OFFER_ANSWERS.length]
    if (answer === 'accept') {
      // Every other family who can answer by text does (YES), the rest use the link.
      const byText = Boolean(family?.texts && family.phone) && this.acceptedByText++ % 2 === 0
      this.timeline.at(this.between(offeredAt + 10 * MINUTE, answerBy), async () => {
        if (byText && family) return this.text(family, 'YES')
        await this.services.booking.acceptOffer(bookingId, { now: this.timeline.clock })
      })
    } else if (answer === 'decline') {
      this.timeline.at(this.between(offeredAt + 10 * MINUTE, answerBy), async () => {
        await this.services.booking.declineOffer(bookingId, { now: this.timeline.clock })
      })
    } else {
      // No answer: the expiry job's work, at the offer's end.
      this.timeline.at(expiresAt, async () => {
        await this.services.booking.expireOffer(bookingId, { now: this.timeline.clock })
      })
    }
  }

  /**
   * Through the same code as Twilio's inbound webhook; the row keeps the action it took. The texts
   * due by now count as sent first (the reply is about the latest one); asked which booking, the
   * family answers with the first choice a few minutes later.
   */
  private async text(family: HistoryFamily, body: string): Promise<void> {
    if (!family.phone) return
    this.texts++
    await demoRows.settlePastMessages(this.db, this.timeline.clock)
    const from = family.phone
    const outcome = await this.services.textReplies.handle(
      { messageSid: `SMdemo${String(this.texts).padStart(6, '0')}`, from, body },
      this.timeline.clock,
    )
    if (outcome.action.startsWith('asked_which'))
      this.timeline.at(this.timeline.clock.getTime() + 7 * MINUTE, () => this.text(family, `${body} 1`))
  }

  /** The register, taken a little after the session ends, for everyone holding a place then. */
  registerAfter(session: { id: number; courseId: number; endsAt: Date }): void {
    const facilitator = this.facilitator
    if (!facilitator) return
    this.timeline.at(session.endsAt.getTime() + this.between(15, 90) * MINUTE, async () => {
      const now = this.timeline.clock
      const register = await this.services.registers.register(session.id, now)
      if (!register) return
      const statuses = new Map<number, AttendanceStatus>()
      for (const row of register.attendees) {
        const roll = this.random()
        const status: AttendanceStatus =
          row.booking.source === 'walk_in' || roll >= NO_SHOW_RATE + CANCELLED_LATE_RATE
            ? 'attended'
            : roll < NO_SHOW_RATE
              ? 'did_not_attend'
              : 'cancelled_late'
        statuses.set(row.booking.id, status)
      }
      await this.services.registers.recordAttendance(facilitator, session.id, session.courseId, statuses, now)
    })
  }
}

/** Families book in the day and evening: a time in the small hours moves to the evening before. */
function daytime(at: number): number {
  const hour = new Date(at).getUTCHours()
  return hour < 7 ? at - (hour + 4) * HOUR : at
}
