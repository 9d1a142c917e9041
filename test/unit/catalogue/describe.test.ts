import { expect } from 'chai'
import { courseStatus, whenText, whoItIsFor, type StatusFacts } from '../../../src/services/catalogue/describe.js'
import { londonTime } from '../../../src/time.js'

describe('catalogue wording', () => {
  describe('who it is for', () => {
    const parents = (from: number | null, to: number | null) =>
      whoItIsFor({ audience: 'parents', childAgeFromMonths: from, childAgeToMonths: to })

    it('describes babies in months and older children in years', () => {
      expect(parents(0, 12)).to.equal('Parents and carers of babies aged 0 to 12 months')
      expect(parents(12, 24)).to.equal('Parents and carers of children aged 12 to 24 months')
      expect(parents(36, 96)).to.equal('Parents and carers of children aged 3 to 8')
      expect(parents(0, 60)).to.equal('Parents and carers of children up to 5 years old')
      expect(parents(18, 60)).to.equal('Parents and carers of children aged 18 months to 5 years')
      expect(parents(132, null)).to.equal('Parents and carers of children aged 11 years and over')
      expect(parents(null, null)).to.equal('Parents and carers of children of any age')
    })

    it('names pregnant parents and practitioners', () => {
      expect(whoItIsFor({ audience: 'pregnant', childAgeFromMonths: null, childAgeToMonths: null })).to.equal(
        'Pregnant parents and their partners',
      )
      expect(whoItIsFor({ audience: 'pregnant', childAgeFromMonths: 0, childAgeToMonths: 12 })).to.equal(
        'Pregnant parents, and parents and carers of babies aged 0 to 12 months',
      )
      expect(whoItIsFor({ audience: 'practitioners', childAgeFromMonths: null, childAgeToMonths: null })).to.equal(
        'Practitioners who work with children and families',
      )
    })
  })

  describe('when it meets', () => {
    const now = londonTime('2026-02-20', '09:00')
    const weekly = (n: number, firstDate: string) =>
      Array.from({ length: n }, (_, i) => {
        const start = new Date(londonTime(firstDate, '10:00').getTime())
        const day = new Date(start)
        day.setUTCDate(day.getUTCDate() + 7 * i)
        const iso = day.toISOString().slice(0, 10)
        return { startsAt: londonTime(iso, '10:00'), endsAt: londonTime(iso, '12:00') }
      })

    it('describes a weekly course by its first date, across the clocks going forward', () => {
      expect(whenText('course', weekly(8, '2026-03-03'), now)).to.equal('8 weekly sessions from Tuesday 3 March, 10am to 12pm')
    })

    it('describes a drop-in by its date and time, with the year only when it is not this year', () => {
      expect(
        whenText('drop_in', [{ startsAt: londonTime('2026-03-04', '13:30'), endsAt: londonTime('2026-03-04', '15:00') }], now),
      ).to.equal('Wednesday 4 March, 1:30pm to 3pm')
      expect(
        whenText('drop_in', [{ startsAt: londonTime('2027-01-06', '10:00'), endsAt: londonTime('2027-01-06', '11:00') }], now),
      ).to.equal('Wednesday 6 January 2027, 10am to 11am')
    })

    it('does not call irregular sessions weekly, and says when a course has started', () => {
      const irregular = [weekly(1, '2026-03-03')[0]!, weekly(1, '2026-03-17')[0]!]
      expect(whenText('course', irregular, now)).to.equal('2 sessions from Tuesday 3 March, 10am to 12pm')
      expect(whenText('course', weekly(4, '2026-02-10'), now)).to.equal(
        '4 weekly sessions that started on Tuesday 10 February, 10am to 12pm',
      )
    })
  })

  describe('status', () => {
    const facts = (overrides: Partial<StatusFacts>): StatusFacts => ({
      capacity: 10,
      placesTaken: 0,
      bookingOpen: true,
      cancelled: false,
      finished: false,
      bookingMode: 'open',
      ...overrides,
    })

    it('counts places left, never below 0', () => {
      expect(courseStatus(facts({ placesTaken: 7 })).label).to.equal('3 places left')
      expect(courseStatus(facts({ placesTaken: 9 })).label).to.equal('1 place left')
      expect(courseStatus(facts({ placesTaken: 10 })).label).to.equal('Full: join the waiting list')
      expect(courseStatus(facts({ placesTaken: 12 }))).to.include({ kind: 'full', placesLeft: 0 })
    })

    it('puts cancelled, finished, closed and referral-only before places left', () => {
      expect(courseStatus(facts({ cancelled: true, bookingOpen: false })).label).to.equal('Cancelled')
      expect(courseStatus(facts({ finished: true })).kind).to.equal('finished')
      expect(courseStatus(facts({ bookingOpen: false, bookingMode: 'referral' })).label).to.equal('Booking closed')
      expect(courseStatus(facts({ bookingMode: 'referral', placesTaken: 10 })).label).to.equal('Referral only')
    })
  })
})
