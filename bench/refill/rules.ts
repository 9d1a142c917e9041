/**
 * THE ADAPTER: the only place the simulation knows which waiting-list rules it measures.
 *
 * Everything else (the families, the clock, the figures) reads what the real services record, so
 * the same harness measures any rules. A variant says: the settings it runs with, what a family
 * passes when it joins a queue, the time-driven work the job system would do, and which message
 * kinds carry an offer a family can accept.
 *
 * "today" is the rules before issue 10, run on today's code with the settings that turn the new
 * parts off (offerRounds 1: a fixed OFFER_HOURS offer capped at the cut-off; openOffers false;
 * no programme-wide queues; the sweep only expires offers). "new" is the shipped defaults.
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
  configure: (config) => ({ ...config, waitingList: { ...config.waitingList, offerRounds: 1, openOffers: false } }),
  joinExtras: () => ({}),
  // What agenda's offer-expiry jobs and the offer-expiry sweep do today.
  sweep: async (services, now) => {
    await services.booking.expireOverdueOffers(now)
  },
  offerKinds: { exclusive: ['place_offered'], open: [] },
}

/**
 * The new rules: offers that shrink to the time left (offerRounds, offerMinHours), open offers to
 * everyone waiting at the end, programme-wide queues. With offerRounds 1 and openOffers false they
 * are today's rules, so the contracts are checked by running both through the same harness.
 */
const newRules: RefillRules = {
  name: 'new',
  unavailable: () => undefined,
  // The settings as shipped (OFFER_ROUNDS, OFFER_MIN_HOURS, OPEN_OFFERS, ... at their defaults).
  configure: (config) => config,
  // A family willing to take another run joins one queue spanning the runs it named.
  joinExtras: (otherRuns) => (otherRuns && otherRuns.length > 0 ? { alsoSuitable: otherRuns } : {}),
  sweep: async (services, now) => {
    await services.booking.refillSweep(now)
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
  configure: (config) => ({ ...config, waitingList: { ...config.waitingList, offerRounds: 1, openOffers: false } }),
  joinExtras: () => ({}),
}

export const allRules: readonly RefillRules[] = [todaysRules, newRules, newRulesAsToday]

/** What `npm run bench:refill` runs unless BENCH_RULES names others. */
export const defaultRules = ['today', 'new']
