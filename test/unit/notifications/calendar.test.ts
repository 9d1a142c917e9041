import { expect } from 'chai'
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { bookingCalendar, eventUid, LONDON_VTIMEZONE } from '../../../src/services/notifications/calendar.js'
import { aContext, aHubRow, aSessionRow } from './message-fixtures.js'

const options = {
  manageUrl: 'https://familyhubs.coventry.gov.uk/manage/abc',
  baseUrl: 'https://familyhubs.coventry.gov.uk',
  serviceName: 'Book a family hub course',
  fallbackOrganizerEmail: 'bookings@familyhubs.example',
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  ICAL.TimezoneService.reset()
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone)
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) }
}

describe('Calendar invites', () => {
  it('writes Europe/London rules that agree with the time zone database, either side of every clock change', () => {
    ICAL.TimezoneService.reset()
    const zone = new ICAL.Timezone(
      new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${LONDON_VTIMEZONE}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone')!,
    )
    for (let year = 2024; year <= 2040; year++) {
      // Every day of March and October (the changes fall in their last week), and a day in winter and summer.
      const days = [DateTime.fromObject({ year, month: 1, day: 15 }), DateTime.fromObject({ year, month: 7, day: 15 })]
      for (const month of [3, 10]) for (let day = 1; day <= 31; day++) days.push(DateTime.fromObject({ year, month, day }))
      for (const date of days) {
        for (const hour of [0, 1, 2, 10, 23]) {
          const local = DateTime.fromObject({ year, month: date.month, day: date.day, hour }, { zone: 'Europe/London' })
          if (!local.isValid || local.hour !== hour) continue
          const time = new ICAL.Time(
            { year: local.year, month: local.month, day: local.day, hour, minute: 0, second: 0, isDate: false },
            zone,
          )
          expect(time.toUnixTime(), local.toISO()!).to.equal(local.toSeconds())
        }
      }
    }
  })

  it('makes one event per session with a stable UID, SEQUENCE from the booking and the session, and London times', () => {
    const context = aContext({
      sessions: [aSessionRow(11, '2027-03-22'), aSessionRow(12, '2027-03-29', '10:00', '12:00', { sequence: 2 })],
      calendarSequence: 3,
    })
    const { calendar, events } = parse(bookingCalendar(context, { ...options, method: 'REQUEST' }))
    expect(calendar.getFirstPropertyValue('method')).to.equal('REQUEST')
    expect(events.map((e) => e.uid)).to.deep.equal([eventUid(42, 11, options.baseUrl), eventUid(42, 12, options.baseUrl)])
    expect(events[0]!.uid).to.equal('booking-42-session-11@familyhubs.coventry.gov.uk')
    expect(events.map((e) => e.sequence)).to.deep.equal([3, 5])
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).to.deep.equal(['2027-03-22T10:00:00.000Z', '2027-03-29T09:00:00.000Z'])
    expect(events[0]!.summary).to.equal("Understanding your child's behaviour (session 1 of 2)")
    expect(events[0]!.description).to.include(options.manageUrl).and.include('FH-7K3P-Q9').and.include('024 7678 5000')
  })

  it('leaves cancelled sessions out of a REQUEST, and lists each event of a CANCEL as cancelled', () => {
    const sessions = [aSessionRow(11, '2027-03-22', '10:00', '12:00', { cancelledAt: new Date() }), aSessionRow(12, '2027-03-29')]
    const request = parse(bookingCalendar(aContext({ sessions }), { ...options, method: 'REQUEST' }))
    expect(request.events.map((e) => e.uid)).to.deep.equal([eventUid(42, 12, options.baseUrl)])
    const cancel = parse(bookingCalendar(aContext({ sessions }), { ...options, method: 'CANCEL', sessionIds: [11] }))
    expect(cancel.calendar.getFirstPropertyValue('method')).to.equal('CANCEL')
    expect(cancel.events.map((e) => `${e.uid} ${e.component.getFirstPropertyValue('status')}`)).to.deep.equal([
      `${eventUid(42, 11, options.baseUrl)} CANCELLED`,
    ])
  })

  it('uses the sequence the message was recorded with, so a late invite never outranks a later change', () => {
    const { events } = parse(bookingCalendar(aContext({ calendarSequence: 4 }), { ...options, method: 'REQUEST', calendarSequence: 1 }))
    expect(events.map((e) => e.sequence)).to.deep.equal([1, 1])
  })

  it('puts "Online" as the location of an online course, and the service as organiser when the hub has no email', () => {
    const online = parse(bookingCalendar(aContext({ hub: null }), { ...options, method: 'PUBLISH' }))
    expect(online.events[0]!.location).to.equal('Online')
    expect(online.events[0]!.description).to.include('Join online: https://meet.example/abc')
    const noEmail = parse(bookingCalendar(aContext({ hub: aHubRow({ email: null }) }), { ...options, method: 'PUBLISH' }))
    expect(String(noEmail.events[0]!.component.getFirstPropertyValue('organizer'))).to.equal('mailto:bookings@familyhubs.example')
  })
})
