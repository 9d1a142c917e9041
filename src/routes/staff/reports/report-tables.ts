import {
  refillBands,
  type AttendanceFigures,
  type RefillBand,
  type RefillFigures,
  type Reports,
  type WaitingSplit,
} from '../../../domain/reports.js'
import { formatCount, formatPeriod, formatRate } from './report-format.js'

/**
 * Every table on the reports page, built once from the figures: the page draws them and the CSV
 * downloads write the same cells, so a download always says what the page said.
 */
const reportTableIds = [
  'refill-by-band',
  'refill-by-period',
  'attendance-by-period',
  'messages',
  'replies',
  'reminder-effect',
  'fill-by-course',
  'waiting',
  'referrals',
] as const
export type ReportTableId = (typeof reportTableIds)[number]

export const isReportTableId = (value: string): value is ReportTableId => (reportTableIds as readonly string[]).includes(value)

type TableCell = { text: string; numeric: boolean }
export type ReportTable = {
  id: ReportTableId
  caption: string
  head: TableCell[]
  /** The first cell of each row names it (a row header). */
  rows: TableCell[][]
  /** A last row of totals, drawn in bold; part of the CSV too. */
  total?: TableCell[]
}

export const bandNames: Record<RefillBand, string> = {
  over_24h: 'More than 24 hours before',
  from_2h_to_24h: '2 to 24 hours before',
  under_2h: 'Less than 2 hours before',
}

const channelNames: Record<string, string> = { email: 'Email', sms: 'Text message' }

/** 'reminder_day_before' → 'Reminder day before': kinds are stored as codes. */
const humanise = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const label = (text: string): TableCell => ({ text, numeric: false })
const count = (value: number): TableCell => ({ text: formatCount(value), numeric: true })
const rate = (value: number | null): TableCell => ({ text: formatRate(value), numeric: true })
const head = (...names: string[]): TableCell[] => names.map((name, i) => ({ text: name, numeric: i > 0 }))

const refillCells = (f: RefillFigures): TableCell[] => [count(f.freed), count(f.refilled), rate(f.refillRate)]
/** The by-band table's last two columns: what no waiting list could refill, and the rate where one could. */
const waitingCells = (f: WaitingSplit): TableCell[] => [count(f.freedWithNobodyWaiting), rate(f.refillRateWhileWaiting)]

const attendanceCells = (f: AttendanceFigures): TableCell[] => [
  count(f.placesBooked),
  count(f.attended),
  count(f.noShows),
  rate(f.attendanceRate),
  rate(f.noShowRate),
  count(f.lateCancellations),
  count(f.walkIns),
]

const noRefills: RefillFigures = { freed: 0, refilled: 0, refillRate: null }
const noWaiting: WaitingSplit = { freedWithNobodyWaiting: 0, freedWhileWaiting: 0, refilledWhileWaiting: 0, refillRateWhileWaiting: null }
const noAttendance: AttendanceFigures = {
  placesBooked: 0,
  attended: 0,
  noShows: 0,
  attendanceRate: null,
  noShowRate: null,
  lateCancellations: 0,
  walkIns: 0,
}

/** One row per period of the range, oldest first; a period the figures leave out had none. */
function perPeriod<T extends { periodStart: string }, F>(reports: Reports, rows: T[], none: F): { periodStart: string; figures: T | F }[] {
  const byStart = new Map(rows.map((row) => [row.periodStart, row]))
  return reports.periods.map((periodStart) => ({ periodStart, figures: byStart.get(periodStart) ?? none }))
}

export function reportTables(reports: Reports): Record<ReportTableId, ReportTable> {
  const { refill, attendance, messages, demand, unit } = reports
  const periodName = unit === 'week' ? 'Week starting' : 'Month'
  const per = unit === 'week' ? 'week' : 'month'
  const byBand = new Map(refill.byBand.map((row) => [row.band, row]))
  const waitingTotal = demand.waitingByProgrammeAndHub.reduce((sum, row) => sum + row.familiesWaiting, 0)
  return {
    'refill-by-band': {
      id: 'refill-by-band',
      caption: 'Freed places refilled from the waiting list, by how long before the start they were freed',
      head: head(
        'Place freed',
        'Places freed',
        'Refilled',
        'Refill rate',
        'Freed with nobody waiting',
        'Refill rate where families were waiting',
      ),
      rows: refillBands.map((band) => {
        const row = byBand.get(band)
        return [label(bandNames[band]), ...refillCells(row ?? noRefills), ...waitingCells(row ?? noWaiting)]
      }),
      total: [label('All freed places'), ...refillCells(refill.total), ...waitingCells(refill.total)],
    },
    'refill-by-period': {
      id: 'refill-by-period',
      caption: `Freed places refilled from the waiting list, by ${per}`,
      head: head(periodName, 'Places freed', 'Refilled', 'Refill rate'),
      rows: perPeriod(reports, refill.byPeriod, noRefills).map((row) => [
        label(formatPeriod(row.periodStart, unit)),
        ...refillCells(row.figures),
      ]),
      total: [label('Total'), ...refillCells(refill.total)],
    },
    'attendance-by-period': {
      id: 'attendance-by-period',
      caption: `Attendance by ${per}`,
      head: head(periodName, 'Places booked', 'Attended', 'No-shows', 'Attendance rate', 'No-show rate', 'Late cancellations', 'Walk-ins'),
      rows: perPeriod(reports, attendance.byPeriod, noAttendance).map((row) => [
        label(formatPeriod(row.periodStart, unit)),
        ...attendanceCells(row.figures),
      ]),
      total: [label('Total'), ...attendanceCells(attendance.total)],
    },
    messages: {
      id: 'messages',
      caption: 'Emails and text messages, by kind',
      head: head('Channel', 'Message', 'Sent', 'Delivered', 'Failed'),
      rows: messages.byChannelAndKind.map((row) => [
        label(channelNames[row.channel] ?? humanise(row.channel)),
        label(humanise(row.kind)),
        count(row.sent),
        count(row.delivered),
        count(row.failed),
      ]),
    },
    replies: {
      id: 'replies',
      caption: 'Replies to text messages',
      head: head('Reply', 'Texts'),
      rows: messages.replies.map((row) => [label(row.action.toUpperCase()), count(row.count)]),
    },
    'reminder-effect': {
      id: 'reminder-effect',
      caption: 'No-shows with and without a reminder',
      head: head('Places', 'Places booked', 'No-shows', 'No-show rate'),
      rows: [
        ['With a reminder', messages.reminderEffect.withReminder] as const,
        ['Without a reminder', messages.reminderEffect.withoutReminder] as const,
      ].map(([name, group]) => [label(name), count(group.placesBooked), count(group.noShows), rate(group.noShowRate)]),
    },
    'fill-by-course': {
      id: 'fill-by-course',
      caption: 'How full each course is',
      head: head('Course', 'Hub', 'Starts', 'Places', 'Booked', 'Fill rate').map((cell, i) => ({ ...cell, numeric: i > 2 })),
      rows: demand.fillByCourse.map((row) => [
        label(row.courseTitle),
        label(row.hubName),
        label(row.startsOn ? formatPeriod(row.startsOn, 'week') : 'No sessions yet'),
        count(row.capacity),
        count(row.placesBooked),
        rate(row.fillRate),
      ]),
    },
    waiting: {
      id: 'waiting',
      caption: 'Families waiting, by programme and hub',
      head: head('Programme', 'Hub', 'Families waiting').map((cell, i) => ({ ...cell, numeric: i > 1 })),
      rows: demand.waitingByProgrammeAndHub.map((row) => [label(row.programmeTitle), label(row.hubName), count(row.familiesWaiting)]),
      total: [label('Total'), label(''), count(waitingTotal)],
    },
    referrals: {
      id: 'referrals',
      caption: 'Families referred, by who referred them',
      head: head('Referred by', 'Families'),
      rows: demand.referralsBySource.map((row) => [label(row.source || 'Not recorded'), count(row.families)]),
    },
  }
}
