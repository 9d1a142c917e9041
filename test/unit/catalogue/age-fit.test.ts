import { expect } from 'chai'
import { ageMismatch, londonDate, type CourseAges } from '../../../src/services/catalogue/age-fit.js'
import { ageWarning } from '../../../src/routes/booking/age-warnings.js'

const parents = (from: number | null, to: number | null): CourseAges => ({
  audience: 'parents',
  childAgeFromMonths: from,
  childAgeToMonths: to,
})
const threeToSix = parents(36, 72)
const babies = parents(0, 12)
const FIRST = '2027-03-10'
const born = (dateOfBirth: string) => ({ firstName: 'Maya', dateOfBirth })

describe('age fit on the first session', () => {
  it('takes a child from the day they reach the lower age', () => {
    expect(ageMismatch(born('2024-03-10'), threeToSix, FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2024-03-11'), threeToSix, FIRST)).to.deep.equal({ reason: 'too_young', from: 'birth', age: '2' })
  })

  it('takes a child of the upper age in years until their next birthday', () => {
    // 6 on the first session (birthday that day): fits; 7 that day: outside.
    expect(ageMismatch(born('2021-03-10'), threeToSix, FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2020-03-11'), threeToSix, FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2020-03-10'), threeToSix, FIRST)).to.deep.equal({ reason: 'too_old', from: 'birth', age: '7' })
  })

  it('counts babies in months: a 12-month-old fits "0 to 12 months", a 13-month-old does not', () => {
    expect(ageMismatch(born('2026-03-10'), babies, FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2026-02-10'), babies, FIRST)).to.deep.equal({ reason: 'too_old', from: 'birth', age: '13 months' })
    expect(ageMismatch(born('2026-02-11'), babies, FIRST)).to.equal(undefined)
  })

  it('has a leap-day birthday come round on 1 March in other years', () => {
    const leap = born('2020-02-29')
    expect(ageMismatch(leap, parents(84, 96), '2027-02-28')).to.deep.equal({ reason: 'too_young', from: 'birth', age: '6' })
    expect(ageMismatch(leap, parents(84, 96), '2027-03-01')).to.equal(undefined)
  })

  it('counts an expected baby as born on the due date, and not born yet after the first session', () => {
    expect(ageMismatch({ firstName: 'Baby', dueDate: '2027-03-01' }, babies, FIRST)).to.equal(undefined)
    expect(ageMismatch({ firstName: 'Baby', dueDate: FIRST }, babies, FIRST)).to.equal(undefined)
    expect(ageMismatch({ firstName: 'Baby', dueDate: '2027-03-11' }, babies, FIRST)).to.deep.equal({
      reason: 'not_born',
      from: 'due',
      age: 'not born yet',
    })
    expect(ageMismatch({ firstName: 'Baby', dueDate: '2027-03-11' }, parents(null, 60), FIRST)?.reason).to.equal('not_born')
  })

  it('lets a baby due after the first session come to a course for pregnant parents', () => {
    const pregnancy: CourseAges = { audience: 'pregnant', childAgeFromMonths: 0, childAgeToMonths: 6 }
    expect(ageMismatch({ firstName: 'Baby', dueDate: '2027-06-01' }, pregnancy, FIRST)).to.equal(undefined)
  })

  it('never warns without a range, or on a course for practitioners', () => {
    expect(ageMismatch(born('2010-01-01'), parents(null, null), FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2010-01-01'), parents(0, null), FIRST)).to.equal(undefined)
    expect(ageMismatch({ firstName: 'Baby', dueDate: '2027-06-01' }, parents(null, null), FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2010-01-01'), { audience: 'practitioners', childAgeFromMonths: 36, childAgeToMonths: 72 }, FIRST)).to.equal(
      undefined,
    )
  })

  it('checks only the bound there is', () => {
    expect(ageMismatch(born('2020-01-01'), parents(132, null), FIRST)?.reason).to.equal('too_young')
    expect(ageMismatch(born('2010-01-01'), parents(132, null), FIRST)).to.equal(undefined)
    expect(ageMismatch(born('2020-01-01'), parents(null, 60), FIRST)?.reason).to.equal('too_old')
    expect(ageMismatch(born('2026-01-01'), parents(null, 60), FIRST)).to.equal(undefined)
  })

  it('flags an age in years only when the whole year of age is outside', () => {
    const aged = (ageYears: number) => ({ firstName: 'Sam', ageYears })
    expect(ageMismatch(aged(2), threeToSix, FIRST)).to.deep.equal({ reason: 'too_young', from: 'stated', age: '2' })
    expect(ageMismatch(aged(3), threeToSix, FIRST)).to.equal(undefined)
    expect(ageMismatch(aged(6), threeToSix, FIRST)).to.equal(undefined)
    expect(ageMismatch(aged(7), threeToSix, FIRST)).to.deep.equal({ reason: 'too_old', from: 'stated', age: '7' })
    // Might turn 3 (36 months) before the course: not flagged.
    expect(ageMismatch(aged(2), parents(30, 72), FIRST)).to.equal(undefined)
  })

  it('takes the London date of the first session', () => {
    expect(londonDate(new Date('2027-06-30T23:30:00Z'))).to.equal('2027-07-01')
  })

  it('tells the parent kindly that they may still book', () => {
    const mismatch = ageMismatch(born('2020-03-10'), threeToSix, FIRST)!
    expect(ageWarning('Maya', mismatch, threeToSix, 'en')).to.equal(
      'Maya will be 7 on the day of the first session. This course is for children aged 3 to 6. You can still book: brothers and sisters are welcome to come along, but the course is planned for children of that age.',
    )
    const baby = ageMismatch(born('2026-02-10'), babies, FIRST)!
    expect(ageWarning('Ivy', baby, babies, 'en')).to.match(
      /^Ivy will be 13 months old on the day of the first session\. This course is for babies aged 0 to 12 months\./,
    )
    const stated = ageMismatch({ firstName: 'Sam', ageYears: 7 }, threeToSix, FIRST)!
    expect(ageWarning('Sam', stated, threeToSix, 'en')).to.match(/^You told us Sam is 7\./)
    const unborn = ageMismatch({ firstName: 'Baby', dueDate: '2027-04-01' }, babies, FIRST)!
    expect(ageWarning('Baby', unborn, babies, 'en')).to.match(
      /^Baby is due after the first session, and this course is for babies aged 0 to 12 months\. You can still book/,
    )
  })
})
