import { DateTime } from 'luxon'
import { seededRandom } from '../../src/cli/demo-data/seeded-random.js'
import { LONDON } from '../../src/time.js'

/**
 * The behaviour model of `npm run bench:refill`: who wants which run, who cancels and when, who
 * answers an offer and how fast. Every figure is an option; the defaults are issue 10's model
 * (17 courses and drop-ins, 186 places, 300 families at 1.6x demand, 20% of booked families
 * cancelling, 35% of offered families never answering).
 */
export interface RefillModel {
  seed: number
  /** When booking opens for the term (London time, ISO): the simulated clock starts here. */
  termOpens: string
  /** The runs: each a programme's course (weekly sessions) or drop-in (one session). */
  runs: RunSpec[]
  /** Families in all; their demand over the places is about families / places. */
  families: number
  /** Of the families who got a place when they asked, the share who later give it up. */
  cancelShare: number
  /** How long before the first session a cancelling family gives the place up: a mix of bands. */
  cancelTiming: CancelBand[]
  /** Of the families offered a place, the share who never answer any offer. */
  neverAnswerShare: number
  /** Of those who answer, the share who say no (the rest accept). */
  declineShare: number
  /** Hours from a message to the answer: log-normal with this median and spread (sigma). */
  answerMedianHours: number
  answerSigma: number
  /** An answer that would fall between these London hours waits until the morning (most do). */
  nightFromHour: number
  nightToHour: number
  /** Share of night answers put off to the morning (the rest are night owls). */
  nightDeferShare: number
  /**
   * Share of cancellations that would fall in the night made in the waking hours instead: in the
   * morning (as answers are), or the evening before when the morning is too late. 0: cancellations
   * fall at any hour, as drawn.
   */
  cancelNightDeferShare: number
  /** Share of families who would take another run of the same programme. */
  willingOtherRunShare: number
  /** Share of families who can also be texted (everyone has email). */
  smsShare: number
  /** Minutes between the time-driven sweeps (the simulation's stand-in for the job system). */
  sweepMinutes: number
}

interface RunSpec {
  programme: string
  hub: string
  kind: 'course' | 'drop_in'
  capacity: number
  /** Days after termOpens of the first session, and its London start time. */
  startsDay: number
  startsAt: string
  /** Weekly sessions (1 for a drop-in). */
  sessions: number
  /** How many families want this run, relative to the others (demand is spread by it). */
  popularity: number
}

/** Cancellations whose timing falls in [fromHours, toHours) before the first session, with this weight. */
interface CancelBand {
  fromHours: number
  toHours: number
  weight: number
}

/**
 * 17 runs of 6 programmes across 4 hubs, 186 places. Popularity is uneven on purpose: some runs
 * are wanted by twice their places, some by fewer than their places, as in a real term.
 */
const defaultRuns: RunSpec[] = [
  run('Incredible Years', 'Foleshill', 'course', 12, 14, '10:00', 8, 2.2),
  run('Incredible Years', 'Tile Hill', 'course', 12, 21, '13:00', 8, 1.0),
  run('Incredible Years', 'Willenhall', 'course', 12, 28, '18:00', 8, 1.6),
  run('Baby Massage', 'Foleshill', 'course', 8, 15, '10:00', 5, 2.4),
  run('Baby Massage', 'Bell Green', 'course', 8, 22, '10:00', 5, 1.3),
  run('Baby Massage', 'Tile Hill', 'course', 8, 36, '13:30', 5, 0.8),
  run('Solihull Approach', 'Willenhall', 'course', 14, 16, '10:00', 10, 1.9),
  run('Solihull Approach', 'Bell Green', 'course', 14, 30, '18:30', 10, 1.2),
  run('Stay and Play', 'Foleshill', 'drop_in', 15, 17, '09:30', 1, 1.8),
  run('Stay and Play', 'Tile Hill', 'drop_in', 15, 24, '09:30', 1, 1.4),
  run('Stay and Play', 'Bell Green', 'drop_in', 15, 31, '13:30', 1, 0.9),
  run('Stay and Play', 'Willenhall', 'drop_in', 15, 38, '09:30', 1, 1.5),
  run('Speech and Language', 'Foleshill', 'course', 8, 18, '11:00', 4, 2.0),
  run('Speech and Language', 'Willenhall', 'course', 8, 32, '11:00', 4, 1.0),
  run('Healthy Start Cooking', 'Bell Green', 'course', 10, 19, '10:00', 6, 1.5),
  run('Healthy Start Cooking', 'Tile Hill', 'course', 9, 33, '10:00', 6, 1.1),
  run('Healthy Start Cooking', 'Foleshill', 'course', 3, 40, '18:00', 6, 0.6),
]

export const defaultModel: RefillModel = {
  seed: 20261130,
  // A Monday in term: the courses start two to six weeks after booking opens.
  termOpens: '2027-01-04T09:00',
  runs: defaultRuns,
  families: 300,
  cancelShare: 0.2,
  // Most give notice days ahead; about one in five in the last day, a few at the last minute.
  cancelTiming: [
    { fromHours: 72, toHours: 21 * 24, weight: 0.5 },
    { fromHours: 24, toHours: 72, weight: 0.25 },
    { fromHours: 2, toHours: 24, weight: 0.18 },
    { fromHours: 0.25, toHours: 2, weight: 0.07 },
  ],
  neverAnswerShare: 0.35,
  declineShare: 0.15,
  answerMedianHours: 3,
  answerSigma: 1.2,
  nightFromHour: 22,
  nightToHour: 7,
  nightDeferShare: 0.85,
  cancelNightDeferShare: 0,
  willingOtherRunShare: 0.5,
  smsShare: 0.6,
  sweepMinutes: 10,
}

function run(
  programme: string,
  hub: string,
  kind: RunSpec['kind'],
  capacity: number,
  startsDay: number,
  startsAt: string,
  sessions: number,
  popularity: number,
): RunSpec {
  return { programme, hub, kind, capacity, startsDay, startsAt, sessions, popularity }
}

/** One family of the term, decided before the simulation starts (the same for every rules variant). */
export interface FamilyPlan {
  index: number
  /** Index into model.runs of the run the family asks for first. */
  wantsRun: number
  /** When the family asks (simulated time). */
  arrivesAt: Date
  willingOtherRun: boolean
  neverAnswers: boolean
  hasSms: boolean
  /** If the family gets a place when it asks: hours before the first session it gives it up, if it does. */
  cancelsHoursBefore: number | undefined
  /** Draws for the family's answers, in order: the same family answers the same way under any rules. */
  answerDraws: () => number
  /** Draws for when the family cancels (a stream of its own, so the other draws stay as they were). */
  cancelDraws: () => number
}

/** The term's families from the seed: which run each wants, when it asks, how it behaves. */
export function planFamilies(model: RefillModel): FamilyPlan[] {
  const random = seededRandom(model.seed)
  const opens = termOpens(model)
  const totalPopularity = model.runs.reduce((sum, r) => sum + r.popularity * r.capacity, 0)
  const plans: FamilyPlan[] = []
  for (let index = 0; index < model.families; index++) {
    const wantsRun = pickWeighted(
      model.runs.map((r) => (r.popularity * r.capacity) / totalPopularity),
      random(),
    )
    const start = firstStart(model, wantsRun)
    // Families ask any time from booking opening until two days before the start, most early on.
    const window = start.getTime() - 2 * DAY - opens.getTime()
    const arrivesAt = new Date(opens.getTime() + window * random() ** 1.5)
    const cancels = random() < model.cancelShare
    const band = model.cancelTiming[pickWeighted(normalised(model.cancelTiming.map((b) => b.weight)), random())]!
    const hoursBefore = band.fromHours + (band.toHours - band.fromHours) * random()
    plans.push({
      index,
      wantsRun,
      arrivesAt,
      willingOtherRun: random() < model.willingOtherRunShare,
      neverAnswers: random() < model.neverAnswerShare,
      hasSms: random() < model.smsShare,
      cancelsHoursBefore: cancels ? hoursBefore : undefined,
      answerDraws: seededRandom(Math.floor(random() * 2 ** 32)),
      cancelDraws: seededRandom(model.seed * 7919 + index),
    })
  }
  return plans
}

/**
 * When a family who reads a message at `at` answers: a log-normal delay, put off to the morning
 * when it would fall in the night (for most families).
 */
export function answerTime(model: RefillModel, at: Date, draw: () => number): Date {
  const normal = Math.sqrt(-2 * Math.log(1 - draw())) * Math.cos(2 * Math.PI * draw())
  const hours = model.answerMedianHours * Math.exp(model.answerSigma * normal)
  let answer = DateTime.fromMillis(at.getTime() + hours * HOUR, { zone: LONDON })
  const night = answer.hour >= model.nightFromHour || answer.hour < model.nightToHour
  if (night && draw() < model.nightDeferShare) {
    const morning = (answer.hour >= model.nightFromHour ? answer.plus({ days: 1 }) : answer).set({ hour: model.nightToHour, minute: 0 })
    answer = morning.plus({ minutes: Math.floor(draw() * 150) })
  }
  return answer.toJSDate()
}

/**
 * When a family who means to give a place up `hoursBefore` the start does it: then, or, for most
 * families when that falls in the night, the next morning (7:00 to 9:30); the evening before
 * (21:00 to 22:00) when the morning would be under 15 minutes before the start.
 */
export function cancelTime(model: RefillModel, startsAt: Date, hoursBefore: number, draw: () => number): Date {
  const at = DateTime.fromMillis(startsAt.getTime() - hoursBefore * HOUR, { zone: LONDON })
  const night = at.hour >= model.nightFromHour || at.hour < model.nightToHour
  if (!night || draw() >= model.cancelNightDeferShare) return at.toJSDate()
  const morningDay = at.hour >= model.nightFromHour ? at.plus({ days: 1 }) : at
  const morning = morningDay.set({ hour: model.nightToHour, minute: 0, second: 0 }).plus({ minutes: Math.floor(draw() * 150) })
  if (morning.toMillis() <= startsAt.getTime() - 15 * 60 * 1000) return morning.toJSDate()
  const evening = morningDay.minus({ days: 1 }).set({ hour: model.nightFromHour - 1, minute: 0, second: 0 })
  return evening.plus({ minutes: Math.floor(draw() * 60) }).toJSDate()
}

export function termOpens(model: RefillModel): Date {
  return DateTime.fromISO(model.termOpens, { zone: LONDON }).toJSDate()
}

/** The first session of a run, as an instant. */
export function firstStart(model: RefillModel, runIndex: number): Date {
  const r = model.runs[runIndex]!
  const day = DateTime.fromISO(model.termOpens, { zone: LONDON }).startOf('day').plus({ days: r.startsDay })
  return DateTime.fromISO(`${day.toISODate()}T${r.startsAt}`, { zone: LONDON }).toJSDate()
}

export const totalPlaces = (model: RefillModel) => model.runs.reduce((sum, r) => sum + r.capacity, 0)

function pickWeighted(weights: number[], draw: number): number {
  let left = draw
  for (let i = 0; i < weights.length; i++) {
    left -= weights[i]!
    if (left < 0) return i
  }
  return weights.length - 1
}

function normalised(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => w / total)
}

export const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
