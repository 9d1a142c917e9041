import { stringify } from 'csv-stringify/sync'
import { refillBands, type ReportFilter, type ReportOptions, type Reports } from '../../../domain/reports.js'
import { defuseFormula } from '../../../services/staff/register-service.js'
import { barChart, type BarChartModel } from './charts/bar-chart.js'
import { lineChart, type LineChartModel } from './charts/line-chart.js'
import { formatCount, formatHours, formatLongDate, formatMinutes, formatPeriod, formatPeriodShort, formatRate } from './report-format.js'
import { bandNames, reportTables, type ReportTable, type ReportTableId } from './report-tables.js'

type KeyFigure = { id: string; value: string; label: string }

export type ReportPage = {
  /** "6 October 2026 to 29 December 2026, Riverside hub" */
  coverage: string
  unitName: string
  keyFigures: KeyFigure[]
  refill: {
    medianTimeToRefill: string
    emptyPlaceHours: string
    waitedNeverOffered: string
    /** Places no waiting list could refill; the advice only when there are some. */
    freedWithNobodyWaiting: string
    nobodyWaitingAdvice: string | null
    /** "80% (8 of 10)", or "No data" when no place was freed while families waited. */
    refillRateWhileWaiting: string
  }
  charts: { refillRate: LineChartModel; refillByBand: BarChartModel; attendance: BarChartModel }
  tables: Record<ReportTableId, ReportTable>
}

/** The reports page's view model: key figures first, then charts and the tables beside them. */
export function reportPage(reports: Reports, options: ReportOptions): ReportPage {
  const { refill, attendance, demand, unit } = reports
  const categories = reports.periods.map((start) => ({ short: formatPeriodShort(start, unit), long: formatPeriod(start, unit) }))
  const byPeriod = <T extends { periodStart: string }>(rows: T[]) => {
    const byStart = new Map(rows.map((row) => [row.periodStart, row]))
    return reports.periods.map((start) => byStart.get(start))
  }
  const refillRows = byPeriod(refill.byPeriod)
  const attendanceRows = byPeriod(attendance.byPeriod)
  const bands = new Map(refill.byBand.map((row) => [row.band, row]))
  const waiting = demand.waitingByProgrammeAndHub.reduce((sum, row) => sum + row.familiesWaiting, 0)
  const per = unit === 'week' ? 'week' : 'month'
  return {
    coverage: coverage(reports.filter, options),
    unitName: per,
    keyFigures: [
      {
        id: 'refill-rate',
        value: formatRate(refill.total.refillRate),
        label: `of freed places refilled from the waiting list (${formatCount(refill.total.refilled)} of ${formatCount(refill.total.freed)})`,
      },
      {
        id: 'median-time-to-refill',
        value: formatMinutes(refill.total.medianMinutesToRefill),
        label: 'median time to refill a freed place',
      },
      {
        id: 'attendance-rate',
        value: formatRate(attendance.total.attendanceRate),
        label: `of booked places attended (${formatCount(attendance.total.attended)} of ${formatCount(attendance.total.placesBooked)})`,
      },
      {
        id: 'no-show-rate',
        value: formatRate(attendance.total.noShowRate),
        label: `no-shows (${formatCount(attendance.total.noShows)} places)`,
      },
      { id: 'families-waiting', value: formatCount(waiting), label: 'families waiting now' },
    ],
    refill: {
      medianTimeToRefill: formatMinutes(refill.total.medianMinutesToRefill),
      emptyPlaceHours: formatHours(refill.total.emptyPlaceHoursWhileWaiting),
      waitedNeverOffered: formatCount(demand.waitedNeverOffered),
      freedWithNobodyWaiting: formatCount(refill.total.freedWithNobodyWaiting),
      nobodyWaitingAdvice:
        refill.total.freedWithNobodyWaiting > 0 ? 'Only a new booking can fill these. Tell families about these runs.' : null,
      refillRateWhileWaiting:
        refill.total.freedWhileWaiting > 0
          ? `${formatRate(refill.total.refillRateWhileWaiting)} (${formatCount(refill.total.refilledWhileWaiting)} of ${formatCount(refill.total.freedWhileWaiting)})`
          : formatRate(null),
    },
    charts: {
      refillRate: lineChart({
        id: 'chart-refill-rate',
        title: `Refill rate by ${per}`,
        categories,
        series: [{ label: 'Refill rate', values: refillRows.map((row) => row?.refillRate ?? null) }],
        format: formatRate,
      }),
      refillByBand: barChart({
        id: 'chart-refill-by-band',
        title: 'Places freed and refilled, by how long before the start they were freed',
        categories: refillBands.map((band) => ({ short: bandNames[band].replace(' before', ''), long: bandNames[band].toLowerCase() })),
        series: [
          { label: 'Places freed', values: refillBands.map((band) => bands.get(band)?.freed ?? 0) },
          { label: 'Refilled', values: refillBands.map((band) => bands.get(band)?.refilled ?? 0) },
        ],
        format: formatCount,
      }),
      attendance: barChart({
        id: 'chart-attendance',
        title: `Places attended and no-shows by ${per}`,
        categories,
        series: [
          { label: 'Attended', values: attendanceRows.map((row) => row?.attended ?? 0) },
          { label: 'No-shows', values: attendanceRows.map((row) => row?.noShows ?? 0) },
        ],
        format: formatCount,
      }),
    },
    tables: reportTables(reports),
  }
}

/** What the figures cover, in words: the dates and any hub, programme or course chosen. */
function coverage(filter: ReportFilter, options: ReportOptions): string {
  const hub = options.hubs.find((item) => item.id === filter.hubId)?.name
  const programme = options.programmes.find((item) => item.id === filter.programmeId)?.title
  const course = options.courses.find((item) => item.id === filter.courseId)?.title
  const everywhere = filter.scope === 'all' ? 'all hubs' : 'your hubs'
  return [`${formatLongDate(filter.from)} to ${formatLongDate(filter.to)}`, hub ?? everywhere, programme, course].filter(Boolean).join(', ')
}

/** A table as CSV for a spreadsheet: the cells as shown, with formula-like cells defused. */
export function tableCsv(table: ReportTable): string {
  const rows = [table.head, ...table.rows, ...(table.total ? [table.total] : [])].map((cells) =>
    cells.map((cell) => defuseFormula(cell.text)),
  )
  return stringify(rows, { bom: true, record_delimiter: 'windows' })
}
