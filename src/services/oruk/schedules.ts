import type { DateTime } from 'luxon'
import { inLondon, formatDate, formatTimeRange } from '../../time.js'

/** An Open Referral UK schedule (schemata/schedule.json): the fields this service fills in. */
export interface OrukSchedule {
  id: string
  service_id: string
  service_at_location_id?: string
  valid_from: string
  valid_to: string
  dtstart: string
  freq?: 'WEEKLY'
  interval?: number
  byday?: string
  description: string
  opens_at: string
  closes_at: string
  schedule_link: string
  attending_type: string
}

interface SessionTimes {
  id: number
  startsAt: Date
  endsAt: Date
}

export interface ScheduleContext {
  serviceId: string
  serviceAtLocationId: string | undefined
  /** The course page: dates, times and the "Book" button. */
  bookingUrl: string
  attendingType: string
  /** The id of a schedule: the whole run's, or one session's. */
  idOf: (key: string) => string
}

const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** "10:00+01:00": London wall-clock time with its offset, as the schema asks ("HH:MM" with a time zone). */
const timeWithOffset = (t: DateTime): string => t.toFormat('HH:mmZZ')

/**
 * Every session a week after the one before (London calendar), at the same time and length, and
 * all on the same side of a clock change: opens_at carries one UTC offset for the whole run.
 */
function meetsWeekly(sessions: readonly SessionTimes[]): boolean {
  if (sessions.length < 2) return false
  const first = sessions[0]!
  const length = first.endsAt.getTime() - first.startsAt.getTime()
  const offset = inLondon(first.startsAt).offset
  return sessions.every((session, i) => {
    if (session.endsAt.getTime() - session.startsAt.getTime() !== length) return false
    if (inLondon(session.startsAt).offset !== offset) return false
    return (
      i === 0 ||
      inLondon(sessions[i - 1]!.startsAt)
        .plus({ weeks: 1 })
        .toMillis() === session.startsAt.getTime()
    )
  })
}

/**
 * When a course or drop-in meets, as Open Referral schedules. A course that meets every week at the
 * same time is one recurring schedule (iCal WEEKLY from its first to its last date), which is what
 * directories show as "Tuesdays, 10am to 12pm"; anything else (a drop-in, a course with a week off)
 * is one schedule per session, each valid on its own date. `sessions` are the ones still on, in order.
 */
export function schedulesOf(sessions: readonly SessionTimes[], context: ScheduleContext): OrukSchedule[] {
  const common = {
    service_id: context.serviceId,
    ...(context.serviceAtLocationId ? { service_at_location_id: context.serviceAtLocationId } : {}),
    schedule_link: context.bookingUrl,
    attending_type: context.attendingType,
  }
  if (meetsWeekly(sessions)) {
    const first = sessions[0]!
    const last = sessions[sessions.length - 1]!
    const starts = inLondon(first.startsAt)
    return [
      {
        id: context.idOf('run'),
        ...common,
        valid_from: starts.toISODate()!,
        valid_to: inLondon(last.startsAt).toISODate()!,
        dtstart: starts.toISODate()!,
        freq: 'WEEKLY',
        interval: 1,
        byday: ICAL_DAYS[starts.weekday - 1]!,
        // "4 weekly sessions on Tuesdays, 8 December 2026 to 29 December 2026, 10am to 12pm"
        description: `${sessions.length} weekly sessions on ${starts.toFormat('cccc')}s, ${starts.toFormat('d LLLL yyyy')} to ${inLondon(last.startsAt).toFormat('d LLLL yyyy')}, ${formatTimeRange(first.startsAt, first.endsAt)}`,
        opens_at: timeWithOffset(starts),
        closes_at: timeWithOffset(inLondon(first.endsAt)),
      },
    ]
  }
  return sessions.map((session) => {
    const starts = inLondon(session.startsAt)
    return {
      id: context.idOf(`session:${session.id}`),
      ...common,
      valid_from: starts.toISODate()!,
      valid_to: starts.toISODate()!,
      dtstart: starts.toISODate()!,
      description: `${formatDate(session.startsAt)}, ${formatTimeRange(session.startsAt, session.endsAt)}`,
      opens_at: timeWithOffset(starts),
      closes_at: timeWithOffset(inLondon(session.endsAt)),
    }
  })
}
