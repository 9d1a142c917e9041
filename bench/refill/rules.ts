/**
 * THE ADAPTER: the only place the simulation knows which waiting-list rules it measures.
 *
 * Everything else (the families, the clock, the figures) reads what the real services record, so
 * the same harness measures any rules. A variant says: the settings it runs with, what a family
 * passes when it joins a queue, the time-driven work the job system would do, and which message
 * kinds carry an offer a family can accept.
 *
 * Today's rules are below. The new rules of issue 10 are written against their contracts
 * (config.waitingList.offerRounds / offerMinHours / openOffers / openOfferMinMinutesBeforeStart,
 * services.booking.refillSweep(now), BookInput.alsoSuitable, the 'place_open_offer' message) but
 * reached only through untyped look-ups, so this file compiles before they are merged. After the
 * merge: type `newRulesSettings` as part of Config['waitingList'] (it will have the fields), call
 * `services.booking.refillSweep(now)` directly, and pass `alsoSuitable` without the cast.
 */
import type { Config } from '../../src/config.js'
import type { Services } from '../../src/services/index.js'
import type { BookInput } from '../../src/services/booking/booking-types.js'

export interface RefillRules {
  name: string
  /** Why this variant can't run on this build (the new rules before their merge), or undefined. */
  unavailable(services: Services): string | undefined
  /** The config the services are built with. */
  configure(config: Config): Config
  /** What a family adds to its queue request: the other runs of the programme it would take. */
  joinExtras(otherRuns: number[] | undefined): Partial<BookInput>
  /** The job system's time-driven work at `now` (expiring offers, next offers, open offers). */
  sweep(services: Services, now: Date): Promise<void>
  /** Message kinds that offer a place the family can take with acceptOffer. */
  offerKinds: { exclusive: readonly string[]; open: readonly string[] }
}

/** Today: one family at a time, a fixed OFFER_HOURS offer, per-run queues; the sweep job only expires offers. */
export const todaysRules: RefillRules = {
  name: 'today',
  unavailable: () => undefined,
  configure: (config) => config,
  joinExtras: () => ({}),
  // What agenda's offer-expiry jobs and the offer-expiry sweep do today.
  sweep: async (services, now) => {
    await services.booking.expireOverdueOffers(now)
  },
  offerKinds: { exclusive: ['place_offered'], open: [] },
}

/** Issue 10's settings for the new rules (config.waitingList gains these; see the contract above). */
const newRulesSettings = {
  offerRounds: 3,
  offerMinHours: 2,
  openOffers: true,
  openOfferMinMinutesBeforeStart: 60,
}

type RefillSweep = (now: Date) => Promise<unknown>

/** services.booking.refillSweep once the new rules are merged; undefined before. */
function refillSweepOf(services: Services): RefillSweep | undefined {
  const sweep = (services.booking as unknown as { refillSweep?: RefillSweep }).refillSweep
  return typeof sweep === 'function' ? sweep.bind(services.booking) : undefined
}

/**
 * The new rules: offers that shrink to the time left (offerRounds, offerMinHours), open offers to
 * everyone waiting at the end, programme-wide queues. With offerRounds 1 and openOffers false they
 * are today's rules, so the contracts are checked by running both through the same harness.
 */
const newRules: RefillRules = {
  name: 'new',
  unavailable: (services) =>
    refillSweepOf(services) ? undefined : 'services.booking.refillSweep is not on this build (the new rules are not merged)',
  configure: (config) => ({ ...config, waitingList: { ...config.waitingList, ...newRulesSettings } }),
  // A family willing to take another run joins one queue spanning the runs it named.
  joinExtras: (otherRuns) => (otherRuns && otherRuns.length > 0 ? ({ alsoSuitable: otherRuns } as Partial<BookInput>) : {}),
  sweep: async (services, now) => {
    const refillSweep = refillSweepOf(services)
    if (!refillSweep) throw new Error('The new rules are not merged: services.booking.refillSweep is missing')
    await refillSweep(now)
  },
  offerKinds: { exclusive: ['place_offered'], open: ['place_open_offer'] },
}

/**
 * The contract's promise, measured: the new code with offerRounds 1 and openOffers false must come
 * out exactly as today's rules, seed for seed (BENCH_RULES=today,new-as-today).
 */
const newRulesAsToday: RefillRules = {
  ...newRules,
  name: 'new-as-today',
  configure: (config) => ({ ...config, waitingList: { ...config.waitingList, ...newRulesSettings, offerRounds: 1, openOffers: false } }),
  joinExtras: () => ({}),
}

export const allRules: readonly RefillRules[] = [todaysRules, newRules, newRulesAsToday]

/** What `npm run bench:refill` runs unless BENCH_RULES names others. */
export const defaultRules = ['today', 'new']
