import type { BookingRush } from './booking-rush.js'
import type { LockReference } from './lock-reference.js'
import type { PageLoad } from './page-load.js'
import type { ReminderThroughput } from './reminder-throughput.js'

export interface Measurements {
  bare: PageLoad
  lock: LockReference
  pages: { catalogue: PageLoad; filtered: PageLoad; course: PageLoad; hub: PageLoad }
  /** The catalogue with WEB_CONCURRENCY=2: the web tier across both cores. */
  catalogueTwoProcesses: PageLoad
  peakRssMb: number | undefined
  peakHwmMb: number | undefined
  rush: BookingRush
  reminders: ReminderThroughput
}

export interface Row {
  figure: string
  measured: string
  reference: string
  ratio: string
  goal: string
  /** undefined where there is no goal (or nothing was measured yet). */
  met: boolean | undefined
}

const n0 = (value: number) => value.toFixed(0)
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`

function pageRows(name: string, page: PageLoad, bare: PageLoad, minShare: number | undefined, maxP99Ms: number | undefined): Row[] {
  const share = page.requestsPerSecond / bare.requestsPerSecond
  // No answer within the measured seconds: latencies of 0 would read as a goal met.
  if (page.answered === 0) {
    return [
      {
        figure: `${name}: req/s and p99`,
        measured: `no answer in the measured time (${page.errors} errors)`,
        reference: `${n0(bare.requestsPerSecond)} req/s bare`,
        ratio: '0%',
        goal: minShare === undefined ? '' : 'answers',
        met: minShare === undefined && maxP99Ms === undefined ? undefined : false,
      },
    ]
  }
  const rows: Row[] = [
    {
      figure: `${name}: req/s`,
      measured: `${n0(page.requestsPerSecond)} req/s (p50 ${ms(page.p50Ms)}, ${page.non2xx} non-2xx, ${page.errors} errors)`,
      reference: `${n0(bare.requestsPerSecond)} req/s bare`,
      ratio: pct(page.requestsPerSecond, bare.requestsPerSecond),
      goal: minShare === undefined ? '' : `>= ${minShare * 100}% of bare`,
      met: minShare === undefined ? undefined : share >= minShare && page.non2xx === 0 && page.errors === 0,
    },
    {
      figure: `${name}: p99`,
      measured: ms(page.p99Ms),
      reference: `${ms(bare.p99Ms)} bare`,
      ratio: '',
      goal: maxP99Ms === undefined ? '' : `< ${maxP99Ms} ms`,
      met: maxP99Ms === undefined ? undefined : page.p99Ms < maxP99Ms,
    },
  ]
  return rows
}

/** The report's rows: each figure next to the reference measured in the same run and its goal. */
export function reportRows(m: Measurements): Row[] {
  const { bare, lock, pages, rush, reminders } = m
  return [
    {
      figure: 'bare Express "hello" (reference)',
      measured: `${n0(bare.requestsPerSecond)} req/s (p50 ${ms(bare.p50Ms)})`,
      reference: '',
      ratio: '',
      goal: '',
      met: undefined,
    },
    {
      figure: `contended row lock (reference, ${lock.tool})`,
      measured: `${n0(lock.transactionsPerSecond)} tx/s`,
      reference: '',
      ratio: '',
      goal: '',
      met: undefined,
    },
    ...pageRows('catalogue /', pages.catalogue, bare, 0.3, 50),
    ...pageRows('filtered catalogue', pages.filtered, bare, 0.2, undefined),
    ...pageRows('course page', pages.course, bare, 0.3, 50),
    ...pageRows('hub page', pages.hub, bare, undefined, undefined),
    // Two processes against the one-process bare route: how far the second core carries the page.
    ...pageRows('catalogue /, 2 web processes (WEB_CONCURRENCY=2)', m.catalogueTwoProcesses, bare, undefined, undefined),
    {
      figure: 'web process peak RSS (page load)',
      measured: m.peakRssMb === undefined ? 'n/a' : `${n0(m.peakRssMb)} MB`,
      reference: m.peakHwmMb === undefined ? '' : `VmHWM ${n0(m.peakHwmMb)} MB`,
      ratio: '',
      goal: '< 200 MB',
      met: m.peakRssMb === undefined ? undefined : m.peakRssMb < 200,
    },
    {
      figure: `booking rush: places booked (${rush.browsers} submits)`,
      measured: `${rush.booked} booked, ${rush.waitingList} waiting list`,
      reference: `capacity ${rush.capacity}`,
      ratio: '',
      goal: '= capacity',
      met: rush.booked === rush.capacity,
    },
    {
      figure: 'booking rush: final submit p99',
      measured: `${ms(rush.p99Ms)} (p50 ${ms(rush.p50Ms)}, fastest ${ms(rush.fastestMs)})`,
      reference: '',
      ratio: '',
      goal: '< 2000 ms',
      met: rush.p99Ms < 2000,
    },
    {
      figure: 'booking rush: throughput',
      measured: `${n0(rush.submitsPerSecond)} submits/s`,
      reference: `${n0(lock.transactionsPerSecond)} tx/s lock`,
      ratio: pct(rush.submitsPerSecond, lock.transactionsPerSecond),
      goal: '>= 50% of lock',
      met: rush.submitsPerSecond >= 0.5 * lock.transactionsPerSecond,
    },
    {
      figure: `reminder worker (${reminders.messages} messages)`,
      measured: `${n0(reminders.workerPerSecond)} msg/s`,
      reference: `${n0(reminders.barePerSecond)} msg/s bare loop`,
      ratio: pct(reminders.workerPerSecond, reminders.barePerSecond),
      goal: '>= 70% of bare loop',
      met: reminders.workerPerSecond >= 0.7 * reminders.barePerSecond,
    },
  ]
}

/** One plain-text table, columns padded to their widest cell. */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.figure,
    r.measured,
    r.reference,
    r.ratio,
    r.goal ? `${r.goal} ${r.met === undefined ? '' : r.met ? '(met)' : '(NOT met)'}`.trim() : '',
  ])
  const header = ['figure', 'measured', 'reference', 'ratio', 'goal']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n')
}
