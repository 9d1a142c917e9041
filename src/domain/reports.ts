import type { Channel } from './notifications.js'

/**
 * The manager reports (/staff/reports): the contract between the SQL that computes the figures
 * (src/data/reports, src/services/reports) and the pages, charts and CSV downloads that show them.
 *
 * Dates are London calendar dates as 'YYYY-MM-DD'; `from` and `to` are both included. A figure that
 * would divide by zero is null ("no data"), never 0 or NaN.
 */
export type ReportFilter = {
  from: string
  to: string
  /** The hubs the signed-in person may see: 'all' for admins, their own hubs for hub managers. */
  scope: 'all' | readonly number[]
  hubId?: number
  programmeId?: number
  courseId?: number
}

/** Months, or weeks (starting Monday) when the range is under 3 months. */
export type PeriodUnit = 'week' | 'month'

/** Late cancellations, refill bands: the boundaries in hours before the start. */
export const refillBands = ['over_24h', 'from_2h_to_24h', 'under_2h'] as const
export type RefillBand = (typeof refillBands)[number]

export type AttendanceFigures = {
  /** Places booked at sessions that have happened: one per (booking, session), walk-ins included. */
  placesBooked: number
  attended: number
  /** Booked, not cancelled, not marked attended. */
  noShows: number
  attendanceRate: number | null
  noShowRate: number | null
  /** Cancelled less than LATE_CANCELLATION_HOURS before the session. */
  lateCancellations: number
  walkIns: number
}

export type RefillFigures = {
  /** Places freed before the start: cancellations, offers turned down or run out. */
  freed: number
  /** Of those, taken by a family from the waiting list before the start. */
  refilled: number
  refillRate: number | null
}

/**
 * Freed places split by whether, when the place was freed, any family in the programme was waiting
 * who would take that run (freed_places.families_waiting > 0). A place freed with nobody waiting
 * cannot be refilled from any waiting list, only by a new booking; so the refill rate of the places
 * freed while families waited is the one a waiting-list rule can move.
 */
export type WaitingCounts = {
  freedWithNobodyWaiting: number
  /** Of the places freed while families waited, those taken by a family from the waiting list. */
  refilledWhileWaiting: number
}

/** The split as the reports show it: the places freed while families waited are the rest. */
export type WaitingSplit = WaitingCounts & { freedWhileWaiting: number; refillRateWhileWaiting: number | null }

type RefillReport = {
  total: RefillFigures &
    WaitingSplit & {
      medianMinutesToRefill: number | null
      /** Hours a freed place stood empty while at least one family was waiting for it. */
      emptyPlaceHoursWhileWaiting: number
    }
  byBand: ({ band: RefillBand } & RefillFigures & WaitingSplit)[]
  byPeriod: ({ periodStart: string } & RefillFigures)[]
}

export type AttendanceReport = {
  total: AttendanceFigures
  byPeriod: ({ periodStart: string } & AttendanceFigures)[]
}

export type NoShowGroup = { placesBooked: number; noShows: number; noShowRate: number | null }

export type MessageReport = {
  byChannelAndKind: { channel: Channel; kind: string; sent: number; delivered: number; failed: number }[]
  /** Text replies by what they asked for: CANCEL, YES, STOP (others grouped as the stored action). */
  replies: { action: string; count: number }[]
  /** No-show rate of places whose family got a reminder for that session against those that did not. */
  reminderEffect: { withReminder: NoShowGroup; withoutReminder: NoShowGroup }
}

export type DemandReport = {
  fillByCourse: {
    courseId: number
    courseTitle: string
    hubName: string
    /** First session's London date, null for a course with no sessions yet. */
    startsOn: string | null
    capacity: number
    placesBooked: number
    fillRate: number | null
  }[]
  waitingByProgrammeAndHub: { programmeId: number; programmeTitle: string; hubId: number; hubName: string; familiesWaiting: number }[]
  /** Families who joined a waiting list for a course that has started and were never offered a place. */
  waitedNeverOffered: number
  referralsBySource: { source: string; families: number }[]
}

export type Reports = {
  filter: ReportFilter
  unit: PeriodUnit
  /** Every period start in the range, oldest first, including periods with no data. */
  periods: string[]
  refill: RefillReport
  attendance: AttendanceReport
  messages: MessageReport
  demand: DemandReport
}

/** What the filter form offers, limited to the scope. */
export type ReportOptions = {
  hubs: { id: number; name: string }[]
  programmes: { id: number; title: string }[]
  courses: { id: number; title: string; hubId: number; programmeId: number }[]
}
