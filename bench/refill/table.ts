import type { VariantResult } from './variant.js'
import type { RefillMeasurement } from './measure.js'

type Row = [string, (m: RefillMeasurement) => string]

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 100)}%`)
const band = (m: RefillMeasurement, i: number) => {
  const figures = m.placesGivenUp.byBand[i]!
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
  ['  given up with nobody waiting', (m) => String(m.placesGivenUp.total.withNobodyWaiting)],
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
