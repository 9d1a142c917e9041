import { sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Database } from '../../src/db/database.js'
import { dataAccess } from '../../src/data/index.js'
import { createLogger } from '../../src/logger.js'
import { ReportsService } from '../../src/services/reports/reports-service.js'
import { refillBands, type RefillBand } from '../../src/domain/reports.js'
import { LONDON } from '../../src/time.js'
import { HOUR, termOpens, type RefillModel } from './model.js'
import type { RefillRules } from './rules.js'
import type { SeenMessage, SimulationLog } from './simulation.js'

interface Counts {
  freed: number
  refilled: number
  refillRate: number | null
}
type BandFigures = Counts & { band: RefillBand }
/**
 * Places given up in a band; how many had nobody on the course's queue when freed; how many were
 * given up while the run already had free places nobody was waiting for (anyone who wanted the run
 * could book one, so no family could be waiting for this one); and the refill rate of the rest, the
 * places given up on a full run, which are the ones a waiting list is for.
 */
type GivenUpFigures = BandFigures & FullRunFigures
interface FullRunFigures {
  nobodyWaiting: number
  onRunWithFreePlaces: number
  onFullRun: Counts
}

/** The figures of one rules variant, all read from the database at the end of the term. */
export interface RefillMeasurement {
  /**
   * Places given up: each confirmed place cancelled before the start, counted once, and whether a
   * family from a waiting list took it before the start (matched oldest place first, per course).
   */
  placesGivenUp: { total: Counts & FullRunFigures; byBand: GivenUpFigures[] }
  /**
   * The same places given up, counted refilled when anyone took the place again before the start:
   * a family from a waiting list, an open offer, or a family booking it afresh (a newcomer). A fresh
   * booking refills a given-up place only when the course had been that full before (see
   * takenAgain), so a run that never filled gets no credit for bookings into its never-used places.
   */
  takenAgain: { total: Counts; byBand: BandFigures[] }
  /**
   * The manager reports' own figures (ReportsService over freed_places), which also count every
   * offer that was declined or ran out as a place freed again: so one given-up place offered to three
   * silent families before a fourth took it is four freed places there, one refilled.
   */
  reports: { total: Counts; byBand: BandFigures[]; emptyPlaceHoursWhileWaiting: number; medianMinutesToRefill: number | null }
  /** Hours given-up places stood empty, from freeing to refilling or the start, while families were waiting. */
  emptyPlaceHoursWhileWaiting: number
  refills: number
  offers: { exclusive: number; open: number; perRefill: number | null }
  messages: { total: number; perRefill: number | null }
  checks: {
    /** Exclusive offers that end later than minHoursBeforeStart before the first session (must be 0). */
    exclusiveOffersEndingTooLate: number
    /** Courses with more confirmed places than capacity, at the end or at any hourly look (must be none). */
    overbookedCourses: { courseId: number; capacity: number; mostConfirmed: number }[]
    /** The most messages one family had about one given-up place (must be at most 3). */
    mostMessagesToOneFamilyForOnePlace: number
    familiesMessagedMoreThan3TimesForOnePlace: number
    /** Refills with no given-up place open to take (0 unless the rules fill places no one gave up). */
    refillsWithNoFreedPlace: number
  }
  simulation: SimulationLog['counts']
}

interface FreedPlace {
  courseId: number
  freedAt: Date
  startsAt: Date
  familiesWaiting: number
  /**
   * The run already had free places nobody was waiting for when this one was given up: fewer places
   * confirmed or held by an offer than its capacity, no open offer running, and nobody on its queue.
   */
  runHadFreePlaces: boolean
  refilledAt: Date | null
  /** Who took it again: a family from a waiting list (an offer or open offer), or one booking afresh. */
  refilledBy: 'queue' | 'newcomer' | null
}

export async function measure(database: Database, model: RefillModel, log: SimulationLog, rules: RefillRules): Promise<RefillMeasurement> {
  const db = database.db
  const { places: allPlaces, refills, refillsWithNoFreedPlace } = await vacancies(database)
  // The issue's figure: a given-up place counts as refilled only when a family from a waiting list took it.
  const places = allPlaces.map((p) => ({ ...p, refilledAt: p.refilledBy === 'queue' ? p.refilledAt : null }))
  const byBand = refillBands.map((band) => ({ band, ...figures(places.filter((p) => bandOf(p) === band)) }))
  const takenAgainByBand = refillBands.map((band) => ({ band, ...figures(allPlaces.filter((p) => bandOf(p) === band)) }))
  const emptyPlaceHoursWhileWaiting = allPlaces
    .filter((p) => p.familiesWaiting > 0)
    .reduce((sum, p) => sum + ((p.refilledAt ?? p.startsAt).getTime() - p.freedAt.getTime()) / HOUR, 0)

  const offers = {
    exclusive: log.messages.filter((m) => rules.offerKinds.exclusive.includes(m.kind)).length,
    open: log.messages.filter((m) => rules.offerKinds.open.includes(m.kind)).length,
  }
  const messageCount = await db.execute<{ n: number }>(sql`
    select count(distinct regexp_replace(dedupe_key, ':(email|sms)$', ''))::int as n from notifications
    where kind not in ('booking_confirmed', 'waitlist_joined', 'booking_cancelled', 'waitlist_left', 'session_moved', 'session_cancelled')
      and kind not like 'reminder%'`)
  const capacities = await db.execute<{ id: number; capacity: number; confirmed: number }>(sql`
    select c.id, c.capacity, (select count(*)::int from bookings b where b.course_id = c.id and b.status = 'confirmed') as confirmed
    from courses c`)
  const minHours = log.config.waitingList.minHoursBeforeStart
  const startOf = new Map(log.runs.map((r) => [r.courseId, r.firstStartsAt.getTime()]))
  const perPlace = messagesPerFamilyAndPlace(log.messages, allPlaces)
  const mostPerPlace = Math.max(0, ...perPlace.values())

  const report = await new ReportsService(dataAccess(database, log.config, createLogger('silent')).reports, 24).build(
    reportRange(model, log),
    log.endsAt,
  )
  return {
    placesGivenUp: {
      total: figures(places),
      byBand,
    },
    takenAgain: { total: figures(allPlaces), byBand: takenAgainByBand },
    reports: {
      total: { freed: report.refill.total.freed, refilled: report.refill.total.refilled, refillRate: report.refill.total.refillRate },
      byBand: report.refill.byBand,
      emptyPlaceHoursWhileWaiting: round(report.refill.total.emptyPlaceHoursWhileWaiting),
      medianMinutesToRefill: report.refill.total.medianMinutesToRefill,
    },
    emptyPlaceHoursWhileWaiting: round(emptyPlaceHoursWhileWaiting),
    refills,
    offers: { ...offers, perRefill: ratio(offers.exclusive + offers.open, refills) },
    messages: { total: messageCount.rows[0]!.n, perRefill: ratio(messageCount.rows[0]!.n, refills) },
    checks: {
      exclusiveOffersEndingTooLate: log.exclusiveOffers.filter(
        (o) => !o.expiresAt || o.expiresAt.getTime() > startOf.get(o.courseId)! - minHours * HOUR,
      ).length,
      overbookedCourses: capacities.rows
        .map((c) => ({
          courseId: Number(c.id),
          capacity: Number(c.capacity),
          mostConfirmed: Math.max(Number(c.confirmed), log.mostConfirmed.get(Number(c.id)) ?? 0),
        }))
        .filter((c) => c.mostConfirmed > c.capacity),
      mostMessagesToOneFamilyForOnePlace: mostPerPlace,
      familiesMessagedMoreThan3TimesForOnePlace: [...perPlace.values()].filter((n) => n > 3).length,
      refillsWithNoFreedPlace,
    },
    simulation: log.counts,
  }
}

/**
 * Every confirmed place given up before the start, and who took it again before the start. Per
 * course, in time order: a cancellation of a confirmed place opens a given-up place; a booking
 * confirmed (not over capacity) while the course holds fewer confirmed places than the most it has
 * held so far takes the oldest open given-up place; a booking that raises that high-water mark fills
 * a place never used before and refills nothing (a waiting-list booking doing so is counted in
 * refillsWithNoFreedPlace, which stays 0 unless rules fill places no one gave up). Places are
 * interchangeable, so this is the one consistent way to say which family took which given-up place:
 * a newcomer who booked a place given up days earlier is not credited to the waiting list, and an
 * offer's refill is not credited to an older place a newcomer had already taken.
 */
async function vacancies(database: Database): Promise<{ places: FreedPlace[]; refills: number; refillsWithNoFreedPlace: number }> {
  const result = await database.db.execute<{
    course_id: number
    at: Date
    change: number
    starts_at: Date
    from_queue: boolean
    families_waiting: number | null
    capacity: number
    offers_held: number
    open_offer_running: boolean
  }>(sql`
    with first as (select course_id, min(starts_at) as starts_at from sessions group by course_id)
    select b.course_id, b.confirmed_at as at, 1 as change, f.starts_at,
        (b.offered_at is not null or b.waitlist_joined_at is not null) as from_queue, null::int as families_waiting,
        0 as capacity, 0 as offers_held, false as open_offer_running
      from bookings b join first f using (course_id)
      where b.confirmed_at is not null and b.confirmed_at < f.starts_at and not b.overbooked
    union all
    select b.course_id, b.ended_at, -1, f.starts_at, false,
        (select fp.families_waiting from freed_places fp where fp.booking_id = b.id and fp.reason = 'cancelled' order by fp.id limit 1),
        c.capacity,
        -- Exclusive offers holding a place when this one was given up.
        (select count(*)::int from bookings o
          where o.course_id = b.course_id and o.offered_at < b.ended_at and o.offer_expires_at >= b.ended_at
            and (o.confirmed_at is null or o.confirmed_at >= b.ended_at) and (o.ended_at is null or o.ended_at >= b.ended_at)),
        -- An open offer running then offers the free places to the waiting list: none is spare.
        exists (select 1 from open_offers oo
          where oo.course_id = b.course_id and oo.opened_at <= b.ended_at and coalesce(oo.closed_at, oo.closes_at) > b.ended_at)
      from bookings b join first f using (course_id) join courses c on c.id = b.course_id
      where b.confirmed_at is not null and not b.overbooked and b.status = 'cancelled' and b.ended_at < f.starts_at
    order by 1, 2, 3`)
  const places: FreedPlace[] = []
  let refills = 0
  let refillsWithNoFreedPlace = 0
  let course = -1
  let held = 0
  let most = 0
  for (const row of result.rows) {
    if (Number(row.course_id) !== course) {
      course = Number(row.course_id)
      held = 0
      most = 0
    }
    const at = new Date(row.at)
    if (Number(row.change) < 0) {
      held--
      const familiesWaiting = Number(row.families_waiting ?? 0)
      const runHadFreePlaces = familiesWaiting === 0 && !row.open_offer_running && held + 1 + Number(row.offers_held) < Number(row.capacity)
      places.push({
        courseId: course,
        freedAt: at,
        startsAt: new Date(row.starts_at),
        familiesWaiting,
        runHadFreePlaces,
        refilledAt: null,
        refilledBy: null,
      })
      continue
    }
    if (row.from_queue) refills++
    const open = held < most ? places.find((p) => p.courseId === course && !p.refilledAt) : undefined
    if (open) {
      open.refilledAt = at
      open.refilledBy = row.from_queue ? 'queue' : 'newcomer'
    } else if (row.from_queue) refillsWithNoFreedPlace++
    held++
    most = Math.max(most, held)
  }
  return { places, refills, refillsWithNoFreedPlace }
}

/**
 * Each message is about the place it could fill: the oldest given-up place on the booking's course
 * still empty when it was sent (or, when none is, the one refilled last before it). Counted per
 * family and place.
 */
function messagesPerFamilyAndPlace(messages: SeenMessage[], places: FreedPlace[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of messages) {
    const onCourse = places.filter((p) => p.courseId === message.courseId && p.freedAt <= message.at)
    const open = onCourse.find((p) => !p.refilledAt || p.refilledAt >= message.at)
    const place = open ?? onCourse.at(-1)
    const key = `${message.familyId}:${place ? places.indexOf(place) : `none:${message.courseId}`}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function reportRange(model: RefillModel, log: SimulationLog) {
  const day = (instant: Date) => DateTime.fromJSDate(instant, { zone: LONDON }).toISODate()!
  return { from: day(termOpens(model)), to: day(log.endsAt), scope: 'all' as const }
}

function bandOf(place: FreedPlace): RefillBand {
  const hours = (place.startsAt.getTime() - place.freedAt.getTime()) / HOUR
  if (hours > 24) return 'over_24h'
  if (hours >= 2) return 'from_2h_to_24h'
  return 'under_2h'
}

function figures(places: FreedPlace[]): Counts & FullRunFigures {
  const onFullRun = places.filter((p) => !p.runHadFreePlaces)
  return {
    ...counts(places),
    nobodyWaiting: places.filter((p) => p.familiesWaiting === 0).length,
    onRunWithFreePlaces: places.length - onFullRun.length,
    onFullRun: counts(onFullRun),
  }
}

function counts(places: FreedPlace[]): Counts {
  const refilled = places.filter((p) => p.refilledAt).length
  return { freed: places.length, refilled, refillRate: ratio(refilled, places.length) }
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((a / b) * 1000) / 1000
}

const round = (n: number) => Math.round(n * 10) / 10
