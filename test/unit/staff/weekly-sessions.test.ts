import { expect } from 'chai'
import { DateTime } from 'luxon'
import { weeklySessions } from '../../../src/services/staff/weekly-sessions.js'

const london = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/London' }).toFormat('ccc yyyy-LL-dd HH:mm')

describe('weekly course sessions', () => {
  it('keeps 10:00 London time every week across the October clock change', () => {
    const sessions = weeklySessions({ firstDate: '2026-10-13', startTime: '10:00', endTime: '12:00', sessions: 4 })
    expect(sessions.map((s) => london(s.startsAt))).to.deep.equal([
      'Tue 2026-10-13 10:00',
      'Tue 2026-10-20 10:00',
      'Tue 2026-10-27 10:00',
      'Tue 2026-11-03 10:00',
    ])
    // In UTC the hour moves: 09:00 in British Summer Time, 10:00 after the change.
    expect(sessions[1]!.startsAt.toISOString()).to.equal('2026-10-20T09:00:00.000Z')
    expect(sessions[2]!.startsAt.toISOString()).to.equal('2026-10-27T10:00:00.000Z')
    expect(sessions.map((s) => london(s.endsAt).slice(-5))).to.deep.equal(['12:00', '12:00', '12:00', '12:00'])
  })

  it('keeps its time across the March clock change', () => {
    const sessions = weeklySessions({ firstDate: '2027-03-23', startTime: '18:30', endTime: '20:00', sessions: 2 })
    expect(sessions.map((s) => london(s.startsAt))).to.deep.equal(['Tue 2027-03-23 18:30', 'Tue 2027-03-30 18:30'])
  })

  it('skips the given dates and still makes the number of sessions asked for', () => {
    const sessions = weeklySessions({
      firstDate: '2026-10-13',
      startTime: '10:00',
      endTime: '12:00',
      sessions: 3,
      skipDates: ['2026-10-27'],
    })
    expect(sessions.map((s) => london(s.startsAt).slice(4, 14))).to.deep.equal(['2026-10-13', '2026-10-20', '2026-11-03'])
  })
})
