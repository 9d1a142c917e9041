import { expect } from 'chai'
import { DateTime } from 'luxon'
import { schedulesOf } from '../../../src/services/oruk/schedules.js'
import { LONDON } from '../../../src/time.js'

const at = (date: string, start: string, end: string, id: number) => ({
  id,
  startsAt: DateTime.fromISO(`${date}T${start}`, { zone: LONDON }).toJSDate(),
  endsAt: DateTime.fromISO(`${date}T${end}`, { zone: LONDON }).toJSDate(),
})

const context = {
  serviceId: 'service',
  serviceAtLocationId: 'at-hub',
  bookingUrl: 'https://hubs.example.gov.uk/courses/1',
  attendingType: 'In person at Test Hub',
  idOf: (key: string) => `schedule:${key}`,
}

describe('Open Referral schedules of a course', () => {
  it('describes a course that meets every week at the same time as one weekly schedule', () => {
    const sessions = ['2031-03-04', '2031-03-11', '2031-03-18'].map((date, i) => at(date, '10:00', '12:00', i + 1))
    expect(schedulesOf(sessions, context)).to.deep.equal([
      {
        id: 'schedule:run',
        service_id: 'service',
        service_at_location_id: 'at-hub',
        schedule_link: 'https://hubs.example.gov.uk/courses/1',
        attending_type: 'In person at Test Hub',
        valid_from: '2031-03-04',
        valid_to: '2031-03-18',
        dtstart: '2031-03-04',
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU',
        description: '3 weekly sessions on Tuesdays, 4 March 2031 to 18 March 2031, 10am to 12pm',
        opens_at: '10:00+00:00',
        closes_at: '12:00+00:00',
      },
    ])
  })

  it('gives each session its own schedule when a week is missed, and for a drop-in', () => {
    const withGap = [at('2031-03-04', '10:00', '12:00', 1), at('2031-03-18', '10:00', '12:00', 2)]
    const schedules = schedulesOf(withGap, context)
    expect(schedules.map((s) => [s.id, s.valid_from, s.valid_to, s.freq])).to.deep.equal([
      ['schedule:session:1', '2031-03-04', '2031-03-04', undefined],
      ['schedule:session:2', '2031-03-18', '2031-03-18', undefined],
    ])
    expect(schedulesOf([at('2031-06-03', '13:30', '15:00', 7)], context)[0]).to.include({
      description: 'Tuesday 3 June 2031, 1:30pm to 3pm',
      opens_at: '13:30+01:00',
      closes_at: '15:00+01:00',
    })
  })

  it('splits a weekly course that runs across a clock change, so each time keeps its right offset', () => {
    // British Summer Time ends on Sunday 26 October 2031.
    const sessions = ['2031-10-21', '2031-10-28'].map((date, i) => at(date, '10:00', '12:00', i + 1))
    const schedules = schedulesOf(sessions, context)
    expect(schedules.map((s) => s.opens_at)).to.deep.equal(['10:00+01:00', '10:00+00:00'])
  })
})
