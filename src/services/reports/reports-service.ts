import type { ReportData } from '../../data/reports/index.js'
import type { AttendanceRow } from '../../data/reports/attendance-figures.js'
import { noWaitingCounts } from '../../data/reports/refill-figures.js'
import type { ReportQuery } from '../../data/reports/report-query.js'
import {
  refillBands,
  type AttendanceFigures,
  type AttendanceReport,
  type NoShowGroup,
  type RefillFigures,
  type ReportFilter,
  type ReportOptions,
  type Reports,
  type WaitingCounts,
  type WaitingSplit,
} from '../../domain/reports.js'
import { periodUnit, rangeInstants, rate } from './report-periods.js'

/**
 * The manager reports. Every figure is computed in SQL (src/data/reports), one query per figure
 * group; this service turns the filter into periods, adds up the few grouped rows and works out
 * the rates. The definitions are in src/domain/reports.ts and the data modules' comments.
 */
export class ReportsService {
  constructor(
    private readonly data: ReportData,
    private readonly lateCancellationHours: number,
  ) {}

  /** Throws a RangeError for dates that are not a London date range (the form checks them first). */
  async build(filter: ReportFilter, now: Date = new Date()): Promise<Reports> {
    const query: ReportQuery = {
      filter,
      unit: periodUnit(filter.from, filter.to),
      ...rangeInstants(filter.from, filter.to),
      now,
      lateCancellationHours: this.lateCancellationHours,
    }
    const { data } = this
    const [
      periods,
      attendanceRows,
      refillRows,
      byChannelAndKind,
      replies,
      fillByCourse,
      waitingByProgrammeAndHub,
      waitedNeverOffered,
      referralsBySource,
    ] = await Promise.all([
      data.periods.starts(query),
      data.attendance.rows(query),
      data.refill.rows(query),
      data.messages.byChannelAndKind(query),
      data.messages.replies(query),
      data.demand.fillByCourse(query),
      data.demand.waitingByProgrammeAndHub(query),
      data.demand.waitedNeverOffered(query),
      data.demand.referralsBySource(query),
    ])
    const refilledByPeriod = new Map(refillRows.byPeriod.map((row) => [row.periodStart, row]))
    const bands = new Map(refillRows.byBand.map((row) => [row.band, row]))
    return {
      filter,
      unit: query.unit,
      periods,
      refill: {
        total: { ...withRefillRate(refillRows.total), ...waitingSplit(refillRows.total), ...pick(refillRows.total) },
        byBand: refillBands.map((band) => {
          const row = bands.get(band) ?? { freed: 0, refilled: 0, ...noWaitingCounts }
          return { band, ...withRefillRate(row), ...waitingSplit(row) }
        }),
        byPeriod: periods.map((periodStart) => ({
          periodStart,
          ...withRefillRate(refilledByPeriod.get(periodStart) ?? { freed: 0, refilled: 0 }),
        })),
      },
      attendance: attendanceReport(periods, attendanceRows),
      messages: { byChannelAndKind, replies, reminderEffect: reminderEffect(attendanceRows) },
      demand: {
        fillByCourse: fillByCourse.map((course) => ({ ...course, fillRate: rate(course.placesBooked, course.capacity) })),
        waitingByProgrammeAndHub,
        waitedNeverOffered,
        referralsBySource,
      },
    }
  }

  private query(filter: ReportFilter, now: Date): ReportQuery {
    return {
      filter,
      unit: periodUnit(filter.from, filter.to),
      ...rangeInstants(filter.from, filter.to),
      now,
      lateCancellationHours: this.lateCancellationHours,
    }
  }

  /** The attendance totals alone (the staff dashboard's headline figures): one query. */
  async attendanceTotal(filter: ReportFilter, now: Date = new Date()): Promise<AttendanceFigures> {
    const query = this.query(filter, now)
    return attendanceReport([], await this.data.attendance.rows(query)).total
  }

  /**
   * Brings the report summaries up to date (jobs/report-summaries.ts, every 10 minutes): the
   * attendance of the sessions ended by `now`, a batch at a time, and the messages of the days
   * before today. Returns how many sessions and days it summarised. The figures never depend on it
   * having run: a session or day without an up-to-date summary is counted live; it only makes the
   * reports fast. Once `stop` is aborted (shutdown) it starts no further batch; each batch is
   * whole (one transaction), and the next run carries on where this one stopped.
   */
  async refreshSummaries(now: Date = new Date(), stop?: AbortSignal): Promise<{ sessions: number; days: number }> {
    let sessions = 0
    for (;;) {
      if (stop?.aborted) return { sessions, days: 0 }
      const done = await this.data.summaries.refreshSessions(now)
      sessions += done
      if (done === 0) break
    }
    if (stop?.aborted) return { sessions, days: 0 }
    return { sessions, days: await this.data.summaries.refreshMessageDays(now) }
  }

  options(scope: ReportFilter['scope']): Promise<ReportOptions> {
    return this.data.options.options(scope)
  }
}

function pick(total: { medianMinutesToRefill: number | null; emptyPlaceHoursWhileWaiting: number }) {
  return { medianMinutesToRefill: total.medianMinutesToRefill, emptyPlaceHoursWhileWaiting: total.emptyPlaceHoursWhileWaiting }
}

function withRefillRate(counts: { freed: number; refilled: number }): RefillFigures {
  return { freed: counts.freed, refilled: counts.refilled, refillRate: rate(counts.refilled, counts.freed) }
}

function waitingSplit(counts: { freed: number } & WaitingCounts): WaitingSplit {
  const freedWhileWaiting = counts.freed - counts.freedWithNobodyWaiting
  return {
    freedWithNobodyWaiting: counts.freedWithNobodyWaiting,
    freedWhileWaiting,
    refilledWhileWaiting: counts.refilledWhileWaiting,
    refillRateWhileWaiting: rate(counts.refilledWhileWaiting, freedWhileWaiting),
  }
}

type Counts = Omit<AttendanceFigures, 'attendanceRate' | 'noShowRate'>
const noCounts: Counts = { placesBooked: 0, attended: 0, noShows: 0, lateCancellations: 0, walkIns: 0 }

function add(sum: Counts, row: Counts): Counts {
  return {
    placesBooked: sum.placesBooked + row.placesBooked,
    attended: sum.attended + row.attended,
    noShows: sum.noShows + row.noShows,
    lateCancellations: sum.lateCancellations + row.lateCancellations,
    walkIns: sum.walkIns + row.walkIns,
  }
}

/** Rates over every place booked (late cancellations included, so the three outcomes add up to 100%). */
function withRates(counts: Counts): AttendanceFigures {
  return { ...counts, attendanceRate: rate(counts.attended, counts.placesBooked), noShowRate: rate(counts.noShows, counts.placesBooked) }
}

/** The query splits each period by reminder; the attendance report adds the two halves up. */
function attendanceReport(periods: string[], rows: AttendanceRow[]): AttendanceReport {
  const byPeriod = new Map<string, Counts>()
  for (const row of rows) byPeriod.set(row.periodStart, add(byPeriod.get(row.periodStart) ?? noCounts, row))
  return {
    total: withRates(rows.reduce<Counts>(add, noCounts)),
    byPeriod: periods.map((periodStart) => ({ periodStart, ...withRates(byPeriod.get(periodStart) ?? noCounts) })),
  }
}

/** No-shows among places whose family got a reminder for the session, and among the rest. */
function reminderEffect(rows: AttendanceRow[]): { withReminder: NoShowGroup; withoutReminder: NoShowGroup } {
  const group = (reminded: boolean): NoShowGroup => {
    const counts = rows.filter((row) => row.reminded === reminded).reduce<Counts>(add, noCounts)
    return { placesBooked: counts.placesBooked, noShows: counts.noShows, noShowRate: rate(counts.noShows, counts.placesBooked) }
  }
  return { withReminder: group(true), withoutReminder: group(false) }
}
