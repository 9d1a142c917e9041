import { expect } from 'chai'
import { formatDate, formatTime, londonTime, londonTimeProblem, partOfDay } from '../../src/time.js'

describe('London times', () => {
  it('reads 10:00 London in winter as 10:00 UTC and in summer as 09:00 UTC', () => {
    expect(londonTime('2026-01-15', '10:00').toISOString()).to.equal('2026-01-15T10:00:00.000Z')
    expect(londonTime('2026-07-15', '10:00').toISOString()).to.equal('2026-07-15T09:00:00.000Z')
  })

  it('keeps 10am on the day after the clocks go forward and back', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    const afterSpring = londonTime('2026-03-30', '10:00')
    const afterAutumn = londonTime('2026-10-26', '10:00')
    expect(afterSpring.toISOString()).to.equal('2026-03-30T09:00:00.000Z')
    expect(afterAutumn.toISOString()).to.equal('2026-10-26T10:00:00.000Z')
    expect(formatTime(afterSpring)).to.equal('10am')
    expect(formatTime(afterAutumn)).to.equal('10am')
  })

  it('shows the minutes either side of the clocks changing in the offset of that moment', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST at 01:00 UTC. 25 October 2026: 02:00 BST becomes 01:00 GMT at 01:00 UTC.
    const at = (iso: string) => formatTime(new Date(iso))
    expect([at('2026-03-29T00:59:00Z'), at('2026-03-29T01:00:00Z')]).to.deep.equal(['12:59am', '2am'])
    expect([at('2026-10-25T00:59:00Z'), at('2026-10-25T01:00:00Z')]).to.deep.equal(['1:59am', '1am'])
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).to.equal('Wednesday 1 July 2026')
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).to.equal('Thursday 31 December 2026')
  })

  it('names the part of the day by London time', () => {
    expect(partOfDay(londonTime('2026-07-15', '11:30'))).to.equal('morning')
    expect(partOfDay(londonTime('2026-07-15', '13:00'))).to.equal('afternoon')
    expect(partOfDay(londonTime('2026-07-15', '18:00'))).to.equal('evening')
  })
})

describe('London times across the clock changes', () => {
  it('reads 01:30 on the October change night as the first 01:30 (BST), as calendars do', () => {
    // 25 October 2026: 01:00 to 01:59 happens twice; the first is 00:30 UTC, the second 01:30 UTC.
    expect(londonTime('2026-10-25', '01:30').toISOString()).to.equal('2026-10-25T00:30:00.000Z')
    expect(londonTime('2026-10-25', '00:30').toISOString()).to.equal('2026-10-24T23:30:00.000Z')
    expect(londonTime('2026-10-25', '02:00').toISOString()).to.equal('2026-10-25T02:00:00.000Z')
  })

  it('refuses a time in the March gap, with words a form can show', () => {
    // 29 March 2026: the clocks go from 01:00 straight to 02:00.
    expect(londonTimeProblem('2026-03-29', '01:30')).to.match(/does not exist/)
    expect(() => londonTime('2026-03-29', '01:30')).to.throw(RangeError, /does not exist/)
    expect(londonTimeProblem('2026-03-29', '00:59')).to.equal(undefined)
    expect(londonTime('2026-03-29', '02:00').toISOString()).to.equal('2026-03-29T01:00:00.000Z')
  })

  it('refuses a date that does not exist', () => {
    expect(londonTimeProblem('2026-02-30', '10:00')).to.match(/Not a valid/)
  })
})
