import type { VariantResult } from './variant.js'
import type { RefillMeasurement } from './measure.js'

type Row = [string, (m: RefillMeasurement) => string]

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 100)}%`)
const band = (m: RefillMeasurement, i: number) => {
  const figures = m.placesGivenUp.byBand[i]!
  return `${percent(figures.refillRate)} (${figures.refilled}/${figures.freed})`
}
const againBand = (m: RefillMeasurement, i: number) => {
  const figures = m.takenAgain.byBand[i]!
  return `${percent(figures.refillRate)} (${figures.refilled}/${figures.freed})`
}
const fullBand = (m: RefillMeasurement, i: number) => {
  const figures = m.placesGivenUp.byBand[i]!.onFullRun
  return `${percent(figures.refillRate)} (${figures.refilled}/${figures.freed})`
}
const reportBand = (m: RefillMeasurement, i: number) => {
  const figures = m.reports.byBand[i]!
  return `${percent(figures.refillRate)} (${figures.refilled}/${figures.freed})`
}
const fixed = (n: number | null) => (n === null ? '-' : n.toFixed(2))

const rows: Row[] = [
  ['Places given up, refilled: >24 h', (m) => band(m, 0)],
  ['  2-24 h', (m) => band(m, 1)],
  ['  <2 h', (m) => band(m, 2)],
  ['  all', (m) => `${percent(m.placesGivenUp.total.refillRate)} (${m.placesGivenUp.total.refilled}/${m.placesGivenUp.total.freed})`],
  ['  given up with nobody waiting', (m) => String(m.placesGivenUp.total.nobodyWaiting)],
  ['  … on a run that had free places', (m) => String(m.placesGivenUp.total.onRunWithFreePlaces)],
  ['On a full run, refilled: >24 h', (m) => fullBand(m, 0)],
  ['  2-24 h', (m) => fullBand(m, 1)],
  ['Taken again by anyone: >24 h', (m) => againBand(m, 0)],
  ['  2-24 h', (m) => againBand(m, 1)],
  ['  <2 h', (m) => againBand(m, 2)],
  ['Reports (freed_places): >24 h', (m) => reportBand(m, 0)],
  ['  2-24 h', (m) => reportBand(m, 1)],
  ['  <2 h', (m) => reportBand(m, 2)],
  ['Empty place-hours, families waiting', (m) => m.emptyPlaceHoursWhileWaiting.toFixed(0)],
  ['Refills', (m) => String(m.refills)],
  ['Offers (exclusive + open)', (m) => `${m.offers.exclusive} + ${m.offers.open}`],
  ['Offers per refill', (m) => fixed(m.offers.perRefill)],
  ['Messages per refill', (m) => fixed(m.messages.perRefill)],
  ['Check: exclusive offers ending late', (m) => String(m.checks.exclusiveOffersEndingTooLate)],
  ['Check: over-booked courses', (m) => String(m.checks.overbookedCourses.length)],
  ['Check: most messages, family/place', (m) => String(m.checks.mostMessagesToOneFamilyForOnePlace)],
  ['Simulated term, seconds', (m) => ('seconds' in m ? String((m as { seconds: number }).seconds) : '')],
]

/** Today's rules beside the new ones, one column per variant. */
export function printTable(seed: number, variants: VariantResult[]): void {
  const width = 38
  const column = 20
  console.log(`\nSeed ${seed}`)
  console.log(''.padEnd(width) + variants.map((v) => `${v.rules} rules`.padEnd(column)).join(''))
  for (const [label, cell] of rows) {
    const cells = variants.map((v) => ('unavailable' in v ? 'not merged' : cell(v)).padEnd(column))
    console.log(label.padEnd(width) + cells.join(''))
  }
}

/** One variant over every seed: places pooled, per-seed rates as a range, checks at their worst. */
export interface PooledVariant {
  rules: string
  seeds: number
  byBand: {
    band: string
    freed: number
    refilled: number
    refillRate: number | null
    nobodyWaiting: number
    /** Given up while the run still had free places: nobody could be waiting for them. */
    onRunWithFreePlaces: number
    /** The rest: places given up on a full run, the ones a waiting list is for. */
    onFullRun: { freed: number; refilled: number; refillRate: number | null }
    perSeedRange: [number, number] | null
  }[]
  reportsByBand: { band: string; freed: number; refilled: number; refillRate: number | null }[]
  takenAgainByBand: { band: string; freed: number; refilled: number; refillRate: number | null }[]
  emptyPlaceHoursWhileWaitingPerTerm: number
  offersPerRefill: number | null
  messagesPerRefill: number | null
  checks: { exclusiveOffersEndingTooLate: number; overbookedCourses: number; mostMessagesToOneFamilyForOnePlace: number }
}

export function pool(results: { variants: VariantResult[] }[]): PooledVariant[] {
  const names = [...new Set(results.flatMap((r) => r.variants.map((v) => v.rules)))]
  const pooled: PooledVariant[] = []
  for (const name of names) {
    const measured = results.flatMap((r) =>
      r.variants.filter((v): v is VariantResult & RefillMeasurement => v.rules === name && !('unavailable' in v)),
    )
    if (measured.length === 0) continue
    const sum = (f: (m: RefillMeasurement) => number) => measured.reduce((total, m) => total + f(m), 0)
    const refills = sum((m) => m.refills)
    pooled.push({
      rules: name,
      seeds: measured.length,
      byBand: measured[0]!.placesGivenUp.byBand.map((b, i) => {
        const freed = sum((m) => m.placesGivenUp.byBand[i]!.freed)
        const refilled = sum((m) => m.placesGivenUp.byBand[i]!.refilled)
        const rates = measured.map((m) => m.placesGivenUp.byBand[i]!.refillRate).filter((r): r is number => r !== null)
        const nobodyWaiting = sum((m) => m.placesGivenUp.byBand[i]!.nobodyWaiting)
        const fullFreed = sum((m) => m.placesGivenUp.byBand[i]!.onFullRun.freed)
        const fullRefilled = sum((m) => m.placesGivenUp.byBand[i]!.onFullRun.refilled)
        return {
          band: b.band,
          freed,
          refilled,
          refillRate: rate(refilled, freed),
          nobodyWaiting,
          onRunWithFreePlaces: sum((m) => m.placesGivenUp.byBand[i]!.onRunWithFreePlaces),
          onFullRun: { freed: fullFreed, refilled: fullRefilled, refillRate: rate(fullRefilled, fullFreed) },
          perSeedRange: rates.length ? [Math.min(...rates), Math.max(...rates)] : null,
        }
      }),
      reportsByBand: measured[0]!.reports.byBand.map((b, i) => {
        const freed = sum((m) => m.reports.byBand[i]!.freed)
        const refilled = sum((m) => m.reports.byBand[i]!.refilled)
        return { band: b.band, freed, refilled, refillRate: rate(refilled, freed) }
      }),
      takenAgainByBand: measured[0]!.takenAgain.byBand.map((b, i) => {
        const freed = sum((m) => m.takenAgain.byBand[i]!.freed)
        const refilled = sum((m) => m.takenAgain.byBand[i]!.refilled)
        return { band: b.band, freed, refilled, refillRate: rate(refilled, freed) }
      }),
      emptyPlaceHoursWhileWaitingPerTerm: Math.round(sum((m) => m.emptyPlaceHoursWhileWaiting) / measured.length),
      offersPerRefill: rate(
        sum((m) => m.offers.exclusive + m.offers.open),
        refills,
      ),
      messagesPerRefill: rate(
        sum((m) => m.messages.total),
        refills,
      ),
      checks: {
        exclusiveOffersEndingTooLate: sum((m) => m.checks.exclusiveOffersEndingTooLate),
        overbookedCourses: sum((m) => m.checks.overbookedCourses.length),
        mostMessagesToOneFamilyForOnePlace: Math.max(...measured.map((m) => m.checks.mostMessagesToOneFamilyForOnePlace)),
      },
    })
  }
  return pooled
}

const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000)
const range = (r: [number, number] | null) => (r ? `${percent(r[0])}-${percent(r[1])}` : '-')

/** The pooled figures side by side: the goal figures of issue 10. */
export function printPooled(pooled: PooledVariant[], notMerged: string[]): void {
  const width = 38
  const column = 40
  const b = (p: PooledVariant, i: number) => {
    const x = p.byBand[i]!
    return `${percent(x.refillRate)} (${x.refilled}/${x.freed}; ${range(x.perSeedRange)}; ${x.nobodyWaiting} no queue)`
  }
  // The most any waiting-list rule could refill: the places someone who would take them was waiting for.
  const ceiling = (p: PooledVariant, i: number) => {
    const x = p.byBand[i]!
    return `${percent(rate(x.freed - x.nobodyWaiting, x.freed))} (${x.freed - x.nobodyWaiting}/${x.freed})`
  }
  const full = (p: PooledVariant, i: number) => {
    const x = p.byBand[i]!
    return `${percent(x.onFullRun.refillRate)} (${x.onFullRun.refilled}/${x.onFullRun.freed}; ${x.onRunWithFreePlaces} left out)`
  }
  const r = (p: PooledVariant, i: number) => {
    const x = p.reportsByBand[i]!
    return `${percent(x.refillRate)} (${x.refilled}/${x.freed})`
  }
  const again = (p: PooledVariant, i: number) => {
    const x = p.takenAgainByBand[i]!
    return `${percent(x.refillRate)} (${x.refilled}/${x.freed})`
  }
  const lines: [string, (p: PooledVariant) => string][] = [
    ['Places given up, refilled: >24 h', (p) => b(p, 0)],
    ['  2-24 h', (p) => b(p, 1)],
    ['  <2 h', (p) => b(p, 2)],
    ['Ceiling (someone waiting): >24 h', (p) => ceiling(p, 0)],
    ['  2-24 h', (p) => ceiling(p, 1)],
    ['On a full run, refilled: >24 h', (p) => full(p, 0)],
    ['  2-24 h', (p) => full(p, 1)],
    ['  <2 h', (p) => full(p, 2)],
    ['Taken again by anyone: >24 h', (p) => again(p, 0)],
    ['  2-24 h', (p) => again(p, 1)],
    ['  <2 h', (p) => again(p, 2)],
    ['Reports (freed_places): >24 h', (p) => r(p, 0)],
    ['  2-24 h', (p) => r(p, 1)],
    ['  <2 h', (p) => r(p, 2)],
    ['Empty place-hours per term, waiting', (p) => String(p.emptyPlaceHoursWhileWaitingPerTerm)],
    ['Offers per refill', (p) => fixed(p.offersPerRefill)],
    ['Messages per refill', (p) => fixed(p.messagesPerRefill)],
    ['Check: exclusive offers ending late', (p) => String(p.checks.exclusiveOffersEndingTooLate)],
    ['Check: over-booked courses', (p) => String(p.checks.overbookedCourses)],
    ['Check: most messages, family/place', (p) => String(p.checks.mostMessagesToOneFamilyForOnePlace)],
  ]
  console.log(`\nAll seeds pooled (${pooled[0]?.seeds ?? 0}); in brackets refilled/freed and the range over seeds`)
  const heads = [...pooled.map((p) => p.rules), ...notMerged].map((name) => `${name} rules`.padEnd(column))
  console.log(''.padEnd(width) + heads.join(''))
  for (const [label, cell] of lines) {
    const cells = [...pooled.map((p) => cell(p)), ...notMerged.map(() => 'not merged')]
    console.log(label.padEnd(width) + cells.map((c) => c.padEnd(column)).join(''))
  }
}
