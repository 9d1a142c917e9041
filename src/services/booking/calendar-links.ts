import type { CourseSummary, SessionRow } from '../../data/booking-repository.js'

/**
 * "Add to calendar" links for people who do not use the .ics file: Google Calendar and Outlook
 * on the web. Each link adds one event, so a course gets one link per session.
 */
export interface CalendarLinks {
  session: SessionRow
  google: string
  outlook: string
}

export function calendarLinks(course: CourseSummary, details: string): CalendarLinks[] {
  const title = course.programme.title
  const location = course.hub
    ? [course.hub.name, ...course.hub.addressLines, course.hub.postcode].join(', ')
    : (course.course.onlineUrl ?? 'Online')
  return course.sessions
    .filter((session) => !session.cancelledAt)
    .map((session) => ({
      session,
      google: googleLink(title, session.startsAt, session.endsAt, details, location),
      outlook: outlookLink(title, session.startsAt, session.endsAt, details, location),
    }))
}

/** 2026-03-03T10:00:00.000Z -> 20260303T100000Z, the form Google's template link takes. */
const compactUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

export function googleLink(title: string, start: Date, end: Date, details: string, location: string): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${compactUtc(start)}/${compactUtc(end)}`,
    details,
    location,
    ctz: 'Europe/London',
  })
  return `https://calendar.google.com/calendar/render?${params.toString()}`
}

export function outlookLink(title: string, start: Date, end: Date, details: string, location: string): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: start.toISOString(),
    enddt: end.toISOString(),
    body: details,
    location,
  })
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params.toString()}`
}
