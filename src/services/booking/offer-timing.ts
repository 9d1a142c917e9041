import { DateTime } from 'luxon'
import { LONDON } from '../../time.js'
import { endOfQuietHours, inQuietHours, type QuietHours } from '../notifications/quiet-hours.js'

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

/**
 * When a waiting-list offer ends: offerHours after it is made, but never later than
 * minHoursBeforeStart before the first session, so that a family who does not answer leaves time
 * for the next. Undefined when that leaves no time at all: the offer is skipped.
 */
export function offerExpiry(
  now: Date,
  firstStartsAt: Date | null,
  settings: { offerHours: number; minHoursBeforeStart: number },
): Date | undefined {
  if (!firstStartsAt) return undefined
  const byLength = now.getTime() + settings.offerHours * HOUR
  const latest = firstStartsAt.getTime() - settings.minHoursBeforeStart * HOUR
  const expiresAt = Math.min(byLength, latest)
  return expiresAt > now.getTime() ? new Date(expiresAt) : undefined
}

/** The rules for one run: the settings, with its programme's own values where staff set them. */
export interface OfferRules {
  offerHours: number
  /** The shortest exclusive offer worth making. */
  offerMinHours: number
  /** How many families, one after another, should get a turn before the cut-off. */
  offerRounds: number
  /** Exclusive offers end at least this long before the first session (the cut-off). */
  minHoursBeforeStart: number
  openOffers: boolean
  /** Open offers close this many minutes before the first session (drop-ins later than courses). */
  openOfferMinutesBeforeStart: number
  /** No texts in these London hours; absent: texts at any time. */
  quietHours?: QuietHours | undefined
}

/**
 * What to do with a free place now. `textAt`: when the text may go (the end of the quiet hours for
 * an offer made at night); null when the offer goes by email only, because a text read in the
 * morning would come too late. The email always carries the exact deadline.
 */
export type OfferPlan =
  { kind: 'exclusive'; expiresAt: Date; textAt: Date | null } | { kind: 'open'; closesAt: Date; textAt: Date | null } | { kind: 'none' }

/**
 * One family at a time while that can still finish before the cut-off: each offer lasts
 * min(offerHours, max(offerMinHours, time to cut-off / offerRounds)), capped at the cut-off. Once
 * an offer of offerMinHours no longer fits (or the cut-off has passed), the place goes to every
 * family waiting at once, until the open-offer cut-off. With offerRounds 1 and openOffers false
 * this is the old rule exactly: offerHours, capped at the cut-off, nothing after it.
 */
export function planOffer(now: Date, firstStartsAt: Date | null, rules: OfferRules): OfferPlan {
  if (!firstStartsAt || firstStartsAt <= now) return { kind: 'none' }
  const cutOff = firstStartsAt.getTime() - rules.minHoursBeforeStart * HOUR
  const timeLeft = cutOff - now.getTime()
  if (timeLeft <= 0 || (rules.openOffers && timeLeft < rules.offerMinHours * HOUR)) return openPlan(now, firstStartsAt, rules)
  const length = Math.min(rules.offerHours, Math.max(rules.offerMinHours, timeLeft / rules.offerRounds / HOUR)) * HOUR
  const expiresAt = new Date(Math.min(now.getTime() + length, cutOff))
  if (!rules.quietHours) return { kind: 'exclusive', expiresAt, textAt: now }
  const plan = overnight(now, expiresAt, length, new Date(cutOff), rules.quietHours, rules.offerMinHours * HOUR)
  // Even stretched to the cut-off, one family would not get its waking hours: everyone waiting instead.
  const tooShort = wakingTime(now, plan.expiresAt, rules.quietHours) < Math.min(length, rules.offerMinHours * HOUR)
  return tooShort && rules.openOffers ? openPlan(now, firstStartsAt, rules) : plan
}

/** Open offers close openOfferMinutesBeforeStart before the start. */
function openOfferCloses(firstStartsAt: Date, rules: Pick<OfferRules, 'openOfferMinutesBeforeStart'>): Date {
  return new Date(firstStartsAt.getTime() - rules.openOfferMinutesBeforeStart * MINUTE)
}

function openPlan(now: Date, firstStartsAt: Date, rules: OfferRules): OfferPlan {
  return rules.openOffers ? openOfferPlan(now, firstStartsAt, rules) : { kind: 'none' }
}

/** An open offer starting now (staff may start one whatever OPEN_OFFERS says), or none when too late. */
export function openOfferPlan(now: Date, firstStartsAt: Date, rules: OfferRules): OfferPlan {
  const closesAt = openOfferCloses(firstStartsAt, rules)
  if (closesAt <= now) return { kind: 'none' }
  return { kind: 'open', closesAt, textAt: textTime(now, closesAt, rules.quietHours) }
}

/**
 * An offer made in the evening or at night must leave the family time to answer once they can read
 * it: the quiet hours do not count towards its length. When the family would get less than
 * min(length, offerMinHours) of waking time, the offer is stretched across the night, never past
 * the cut-off. When even that leaves too little, the place goes to everyone waiting (planOffer);
 * without open offers it still runs to the cut-off, and an offer made in the quiet hours goes by
 * email only, with its deadline written in it, rather than a text that would wake the family or
 * arrive after it.
 */
function overnight(now: Date, expiresAt: Date, length: number, cutOff: Date, quiet: QuietHours, minLength: number) {
  if (wakingTime(now, expiresAt, quiet) < Math.min(length, minLength)) {
    const stretched = Math.min(cutOff.getTime(), afterWakingTime(now, length, quiet).getTime())
    expiresAt = new Date(Math.max(expiresAt.getTime(), stretched))
  }
  return { kind: 'exclusive' as const, expiresAt, textAt: textTime(now, expiresAt, quiet) }
}

/**
 * A place freed while an open offer runs joins it: the families told now get their text when the
 * quiet hours end, or none when the offer closes before then (like any open offer made now).
 */
export function joinOpenOfferPlan(now: Date, closesAt: Date, rules: Pick<OfferRules, 'quietHours'>): Extract<OfferPlan, { kind: 'open' }> {
  return { kind: 'open', closesAt, textAt: textTime(now, closesAt, rules.quietHours) }
}

/**
 * Who an offer made now can reach in time. A plan whose text cannot go before it ends (textAt
 * null: made in the quiet hours, ending or closing before they end) goes by email only, so a family
 * who gets no email would either be woken by a text at night or not see the offer until it has
 * gone: such a family is left out of this offer (it keeps its place in the queue and is offered
 * the next place, whose text can go in the morning). Otherwise every family waiting.
 */
export function offerReaches(plan: OfferPlan): 'everyone' | 'email_only' {
  return plan.kind !== 'none' && plan.textAt === null ? 'email_only' : 'everyone'
}

/**
 * When a text about a place may go: now, or the end of the quiet hours when now is in them; null
 * when that is too late to matter (at or after the deadline: the offer's end, or the start).
 */
export function textTime(now: Date, deadline: Date, quiet: QuietHours | undefined): Date | null {
  if (!quiet || !inQuietHours(now, quiet)) return now < deadline ? now : null
  const morning = endOfQuietHours(now, quiet)
  return morning < deadline ? morning : null
}

/** The next start of the quiet hours after an instant outside them. */
function nextQuietStart(instant: Date, quiet: QuietHours): Date {
  const local = DateTime.fromJSDate(instant, { zone: LONDON })
  const sameDay = local.set({ hour: quiet.start, minute: 0, second: 0, millisecond: 0 })
  return (sameDay > local ? sameDay : sameDay.plus({ days: 1 })).toJSDate()
}

/** Walks from `from`, one waking or quiet stretch at a time, until `stop` says where to end. */
function walk(from: Date, quiet: QuietHours, step: (wakeFrom: Date, wakeTo: Date) => boolean): void {
  let at = from
  for (let guard = 0; guard < 400; guard++) {
    if (inQuietHours(at, quiet)) at = endOfQuietHours(at, quiet)
    const quietFrom = nextQuietStart(at, quiet)
    if (step(at, quietFrom)) return
    at = quietFrom
  }
}

/** Milliseconds outside the quiet hours between two instants. */
export function wakingTime(from: Date, to: Date, quiet: QuietHours): number {
  if (quiet.start === quiet.end) return Math.max(0, to.getTime() - from.getTime())
  let total = 0
  walk(from, quiet, (wakeFrom, wakeTo) => {
    if (wakeFrom >= to) return true
    total += Math.min(wakeTo.getTime(), to.getTime()) - wakeFrom.getTime()
    return wakeTo >= to
  })
  return total
}

/** The instant at which `needed` milliseconds of waking time have passed since `from`. */
function afterWakingTime(from: Date, needed: number, quiet: QuietHours): Date {
  if (quiet.start === quiet.end) return new Date(from.getTime() + needed)
  let left = needed
  let end = from
  walk(from, quiet, (wakeFrom, wakeTo) => {
    const stretch = wakeTo.getTime() - wakeFrom.getTime()
    if (stretch >= left) {
      end = new Date(wakeFrom.getTime() + left)
      return true
    }
    left -= stretch
    return false
  })
  return end
}
