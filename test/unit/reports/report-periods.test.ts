import { expect } from 'chai'
import { periodUnit, rangeInstants, rate } from '../../../src/services/reports/report-periods.js'

describe('report periods and rates', () => {
  it('uses weeks for a range under 3 months and months from 3 months on', () => {
    expect(periodUnit('2026-01-01', '2026-03-31')).to.equal('week')
    expect(periodUnit('2026-01-01', '2026-04-01')).to.equal('month')
    expect(periodUnit('2026-05-10', '2026-05-10')).to.equal('week')
    expect(periodUnit('2025-01-01', '2026-12-31')).to.equal('month')
  })

  it('turns London dates into instants, midnight to midnight, across the clock changes', () => {
    // 29 March 2026: clocks go forward, so the day is 23 hours long; 25 October 2026: 25 hours.
    expect(rangeInstants('2026-03-29', '2026-03-29')).to.deep.equal({
      fromAt: new Date('2026-03-29T00:00:00Z'),
      toAt: new Date('2026-03-29T23:00:00Z'),
    })
    expect(rangeInstants('2026-10-25', '2026-10-25')).to.deep.equal({
      fromAt: new Date('2026-10-24T23:00:00Z'),
      toAt: new Date('2026-10-26T00:00:00Z'),
    })
  })

  it('refuses dates that do not exist and ranges that end before they start', () => {
    expect(() => rangeInstants('2026-02-30', '2026-03-01')).to.throw(RangeError)
    expect(() => rangeInstants('2026-3-1', '2026-03-01')).to.throw(RangeError)
    expect(() => rangeInstants('2026-03-02', '2026-03-01')).to.throw(RangeError)
    expect(() => periodUnit('nonsense', '2026-03-01')).to.throw(RangeError)
  })

  it('gives null, not 0 or NaN, for a rate with nothing to divide by', () => {
    expect(rate(0, 0)).to.equal(null)
    expect(rate(3, 4)).to.equal(0.75)
    expect(rate(0, 5)).to.equal(0)
  })
})
