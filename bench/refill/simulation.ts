import { sql } from 'drizzle-orm'
import { loadConfig, type Config } from '../../src/config.js'
import type { Database } from '../../src/db/database.js'
import { dataAccess } from '../../src/data/index.js'
import { createLogger } from '../../src/logger.js'
import { services as buildServices, type Services } from '../../src/services/index.js'
import type { JobQueue } from '../../src/services/job-queue.js'
import type { NewFamily } from '../../src/services/booking/booking-types.js'
import { answerTime, cancelTime, HOUR, planFamilies, termOpens, type FamilyPlan, type RefillModel } from './model.js'
import type { RefillRules } from './rules.js'
import { createTerm, type TermRun } from './term.js'

/** A message to a family, as the simulation read it from the notifications table (one per message, not per channel). */
export interface SeenMessage {
  at: Date
  kind: string
  bookingId: number
  familyId: number
  courseId: number
}

/** What the simulation itself saw happen: the measurements come from the database, these check them. */
export interface SimulationLog {
  config: Config
  runs: TermRun[]
  endsAt: Date
  messages: SeenMessage[]
  /** Exclusive offers seen, with when each ends: none may end within minHoursBeforeStart of the start. */
  exclusiveOffers: { bookingId: number; courseId: number; expiresAt: Date | null }[]
  /** The most places ever confirmed on each course at once, checked as the term went (course id → count). */
  mostConfirmed: Map<number, number>
  counts: {
    booked: number
    bookedOtherRun: number
    joinedQueue: number
    tooLate: number
    /** Confirmed places given up before the start (each a freed place). */
    cancelled: number
    accepted: number
    acceptedTooLate: number
    declined: number
    neverAnswered: number
  }
}

/** Offer expiries the services schedule: the simulation runs them at their time, as agenda would. */
class SimulatedJobs implements JobQueue {
  readonly due: Date[] = []
  /** Set when a transaction wrote messages (the services wake delivery): the families have mail. */
  woken = false
  scheduleOfferExpiry(_bookingId: number, at: Date): Promise<void> {
    this.due.push(at)
    return Promise.resolve()
  }
  wakeDelivery(): Promise<void> {
    this.woken = true
    return Promise.resolve()
  }
}

type Event =
  | { at: Date; type: 'arrive'; family: FamilyPlan }
  | { at: Date; type: 'cancel'; bookingId: number }
  | { at: Date; type: 'answer'; bookingId: number; accept: boolean }

/** Messages a family does not answer or that are not about a freed place. */
const notAboutFreedPlaces = [
  'booking_confirmed',
  'waitlist_joined',
  'booking_cancelled',
  'waitlist_left',
  'session_moved',
  'session_cancelled',
]

/**
 * One term through the real services on `database` (empty and migrated), under `rules`, with a
 * simulated clock: every service call gets `now`, nothing sleeps, no job runs by itself. The
 * families act on the messages the services record (notification rows), never on internal state.
 */
export async function simulateTerm(database: Database, model: RefillModel, rules: RefillRules): Promise<SimulationLog> {
  const logger = createLogger('silent')
  const config = rules.configure(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...offerSettings(process.env) }))
  const jobs = new SimulatedJobs()
  const services = buildServices(dataAccess(database, config, logger), jobs)
  const why = rules.unavailable(services)
  if (why) throw new RulesUnavailable(why)
  const runs = await createTerm(database.db, model)
  const plans = planFamilies(model)
  const endsAt = new Date(Math.max(...runs.map((r) => r.firstStartsAt.getTime())) + HOUR)
  const log: SimulationLog = {
    config,
    runs,
    endsAt,
    messages: [],
    exclusiveOffers: [],
    mostConfirmed: new Map(),
    counts: {
      booked: 0,
      bookedOtherRun: 0,
      joinedQueue: 0,
      tooLate: 0,
      cancelled: 0,
      accepted: 0,
      acceptedTooLate: 0,
      declined: 0,
      neverAnswered: 0,
    },
  }
  const sim = new Simulation(database, model, rules, services, runs, log)
  for (const family of plans) sim.push({ at: family.arrivesAt, type: 'arrive', family })
  await sim.run(termOpens(model), endsAt, jobs)
  return log
}

/**
 * When the rules chose to send a message later than it was written (due_at set apart from created_at,
 * in simulated time): then. A row due as it was written takes the database's real clock: no hold.
 */
function heldUntil(row: { due_at: Date; created_at: Date }): number | undefined {
  const due = new Date(row.due_at).getTime()
  return Math.abs(due - new Date(row.created_at).getTime()) > 60_000 ? due : undefined
}

/** The waiting-list settings from the environment (OFFER_HOURS, OFFER_MIN_HOURS_BEFORE_START, ...); nothing else. */
function offerSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => /^(OPEN_)?OFFER_/.test(entry[0]) && entry[1] !== undefined),
  )
}

export class RulesUnavailable extends Error {}

class Simulation {
  private readonly events: Event[] = []
  private lastNotificationId = 0
  /** Database family id → the plan, once the family has a record. */
  private readonly familiesById = new Map<number, FamilyPlan>()
  private readonly familyIdOf = new Map<number, number>()

  constructor(
    private readonly database: Database,
    private readonly model: RefillModel,
    private readonly rules: RefillRules,
    private readonly services: Services,
    private readonly runs: TermRun[],
    private readonly log: SimulationLog,
  ) {}

  /** Keeps the events in time order (stable: equal times in the order pushed). */
  push(event: Event): void {
    let i = this.events.length
    while (i > 0 && this.events[i - 1]!.at > event.at) i--
    this.events.splice(i, 0, event)
  }

  async run(from: Date, until: Date, jobs: SimulatedJobs): Promise<void> {
    const step = this.model.sweepMinutes * 60 * 1000
    let nextSweep = from.getTime() + step
    let nextCheck = from.getTime() + HOUR
    for (;;) {
      const nextEvent = this.events[0]?.at.getTime() ?? Infinity
      const nextExpiry = Math.min(...jobs.due.map((d) => d.getTime()))
      const next = Math.min(nextEvent, nextSweep, nextExpiry, nextCheck)
      if (next > until.getTime()) break
      const now = new Date(next)
      const hourly = next === nextCheck
      if (hourly) {
        nextCheck += HOUR
        await this.checkCapacity()
      } else if (next === nextExpiry || next === nextSweep) {
        // The job system's work: an offer's own expiry job, or the periodic sweep.
        if (next === nextSweep) nextSweep += step
        for (let i = jobs.due.length - 1; i >= 0; i--) if (jobs.due[i]!.getTime() <= next) jobs.due.splice(i, 1)
        await this.rules.sweep(this.services, now)
      } else {
        await this.handle(this.events.shift()!, now)
      }
      // Delivery would also find rows nobody woke it for: look every hour whatever happens.
      if (jobs.woken || hourly) await this.readMessages(now)
      jobs.woken = false
    }
    await this.checkCapacity()
  }

  private async handle(event: Event, now: Date): Promise<void> {
    const booking = this.services.booking
    if (event.type === 'arrive') return this.arrive(event.family, now)
    if (event.type === 'cancel') {
      const result = await booking.cancel(event.bookingId, { now })
      if (result.outcome === 'cancelled' && result.booking.confirmedAt) this.log.counts.cancelled++
      return
    }
    if (!event.accept) {
      if ((await booking.declineOffer(event.bookingId, { now })).outcome === 'declined') this.log.counts.declined++
      return
    }
    const result = await booking.acceptOffer(event.bookingId, { now })
    if (result.outcome === 'confirmed') this.log.counts.accepted++
    else this.log.counts.acceptedTooLate++
  }

  /** A family asks for its run; if full, for another run it would take that has places, else it waits. */
  private async arrive(family: FamilyPlan, now: Date): Promise<void> {
    const wanted = this.runs[family.wantsRun]!
    const booked = await this.services.booking.book({ courseId: wanted.courseId, family: this.newFamily(family), source: 'online', now })
    if (booked.outcome === 'confirmed') return this.placed(family, wanted, booked.booking.id, booked.booking.familyId, now)
    if (booked.outcome !== 'full') {
      this.log.counts.tooLate++
      return
    }
    const others = this.runs.filter((r) => r.programmeId === wanted.programmeId && r !== wanted && r.firstStartsAt > now)
    if (family.willingOtherRun) {
      for (const other of others) {
        const availability = await this.services.booking.availability(other.courseId, now)
        if (availability?.state !== 'open') continue
        const result = await this.services.booking.book({ courseId: other.courseId, family: this.newFamily(family), source: 'online', now })
        if (result.outcome === 'confirmed') {
          this.log.counts.bookedOtherRun++
          return this.placed(family, other, result.booking.id, result.booking.familyId, now)
        }
      }
    }
    const joined = await this.services.booking.joinWaitingList({
      courseId: wanted.courseId,
      family: this.newFamily(family),
      source: 'online',
      now,
      ...this.rules.joinExtras(family.willingOtherRun ? others.map((r) => r.courseId) : undefined),
    })
    if (joined.outcome === 'waiting') {
      this.log.counts.joinedQueue++
      this.remember(family, joined.booking.familyId)
    } else if (joined.outcome === 'confirmed') this.placed(family, wanted, joined.booking.id, joined.booking.familyId, now)
  }

  private placed(family: FamilyPlan, run: TermRun, bookingId: number, familyId: number, now: Date): void {
    this.log.counts.booked++
    this.remember(family, familyId)
    if (family.cancelsHoursBefore === undefined) return
    const planned = cancelTime(this.model, run.firstStartsAt, family.cancelsHoursBefore, family.cancelDraws).getTime()
    const at = Math.max(planned, now.getTime() + HOUR / 2)
    if (at < run.firstStartsAt.getTime()) this.push({ at: new Date(at), type: 'cancel', bookingId })
  }

  private remember(family: FamilyPlan, familyId: number): void {
    this.familiesById.set(familyId, family)
    this.familyIdOf.set(family.index, familyId)
  }

  /** The family's record once it has one; its details the first time it asks. */
  private newFamily(family: FamilyPlan): NewFamily | { familyId: number } {
    const known = this.familyIdOf.get(family.index)
    if (known) return { familyId: known }
    return {
      parentName: `Parent ${family.index + 1}`,
      email: `family-${family.index + 1}@example.com`,
      phone: family.hasSms ? `+4477009${String(family.index + 1).padStart(5, '0')}` : null,
      contactByEmail: true,
      contactBySms: family.hasSms,
      consentGivenAt: family.arrivesAt,
      consentSource: 'online',
    }
  }

  /**
   * The messages recorded since the last look, one per message (a message by email and text is one).
   * A family offered a place answers it after a while, or never. A message reaches the family when
   * the first of its channels is due: now, unless the rules hold it (a text kept for the morning).
   */
  private async readMessages(now: Date): Promise<void> {
    const result = await this.database.db.execute<{
      id: number
      kind: string
      dedupe_key: string
      due_at: Date
      created_at: Date
      booking_id: number
      family_id: number
      course_id: number
      offer_expires_at: Date | null
    }>(sql`
      select n.id, n.kind, n.dedupe_key, n.due_at, n.created_at, n.booking_id, b.family_id,
        -- An open offer (and "it has gone") is about its own run's place, which may not be the run the
        -- family queued on (a programme-wide queue): attribute it to that run.
        coalesce(o.course_id, b.course_id) as course_id, b.offer_expires_at
      from notifications n join bookings b on b.id = n.booking_id
      left join open_offers o on o.id = (n.payload->>'openOfferId')::int
      where n.id > ${this.lastNotificationId} order by n.id`)
    const messages = new Map<string, { row: (typeof result.rows)[number]; readAt: number }>()
    for (const row of result.rows) {
      this.lastNotificationId = Math.max(this.lastNotificationId, Number(row.id))
      if (notAboutFreedPlaces.includes(row.kind) || row.kind.startsWith('reminder')) continue
      const key = row.dedupe_key.replace(/:(email|sms)$/, '')
      const readAt = Math.max(now.getTime(), heldUntil(row) ?? 0)
      const earlier = messages.get(key)
      if (!earlier || readAt < earlier.readAt) messages.set(key, { row: earlier?.row ?? row, readAt })
    }
    for (const { row, readAt } of messages.values()) {
      const bookingId = Number(row.booking_id)
      this.log.messages.push({ at: now, kind: row.kind, bookingId, familyId: Number(row.family_id), courseId: Number(row.course_id) })
      const exclusive = this.rules.offerKinds.exclusive.includes(row.kind)
      if (exclusive) {
        const expiresAt = row.offer_expires_at === null ? null : new Date(row.offer_expires_at)
        this.log.exclusiveOffers.push({ bookingId, courseId: Number(row.course_id), expiresAt })
      }
      if (exclusive || this.rules.offerKinds.open.includes(row.kind)) this.answer(Number(row.family_id), bookingId, new Date(readAt))
    }
  }

  private answer(familyId: number, bookingId: number, readAt: Date): void {
    const family = this.familiesById.get(familyId)
    if (!family) throw new Error(`An offer to family ${familyId}, who is not in the simulation`)
    if (family.neverAnswers) {
      this.log.counts.neverAnswered++
      return
    }
    const accept = family.answerDraws() >= this.model.declineShare
    this.push({ at: answerTime(this.model, readAt, family.answerDraws), type: 'answer', bookingId, accept })
  }

  /** Confirmed places per course, as the term goes: the most seen is checked against the capacity. */
  private async checkCapacity(): Promise<void> {
    const result = await this.database.db.execute<{ course_id: number; confirmed: number }>(sql`
      select course_id, count(*)::int as confirmed from bookings where status = 'confirmed' group by course_id`)
    for (const row of result.rows) {
      const courseId = Number(row.course_id)
      this.log.mostConfirmed.set(courseId, Math.max(this.log.mostConfirmed.get(courseId) ?? 0, Number(row.confirmed)))
    }
  }
}
