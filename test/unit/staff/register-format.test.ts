import { expect } from 'chai'
import { defuseFormula } from '../../../src/services/staff/register-service.js'
import { describeChild, supportNeeds } from '../../../src/services/staff/family-facts.js'

describe('register formatting', () => {
  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(defuseFormula('=HYPERLINK("http://x","y")')).to.equal(`'=HYPERLINK("http://x","y")`)
    expect(defuseFormula('+44 7700')).to.equal(`'+44 7700`)
    expect(defuseFormula('-1')).to.equal(`'-1`)
    expect(defuseFormula('@SUM(A1)')).to.equal(`'@SUM(A1)`)
    expect(defuseFormula('Amy (3)')).to.equal('Amy (3)')
  })

  it('describes a child by age, months for babies, or due date', () => {
    const now = new Date('2026-06-15T10:00:00Z')
    expect(describeChild({ firstName: 'Amy', dateOfBirth: '2023-05-01', ageYears: null, dueDate: null }, now)).to.equal('Amy (3)')
    expect(describeChild({ firstName: 'Sam', dateOfBirth: '2025-10-01', ageYears: null, dueDate: null }, now)).to.equal('Sam (8 months)')
    expect(describeChild({ firstName: 'Baby', dateOfBirth: null, ageYears: null, dueDate: '2026-09-12' }, now)).to.equal(
      'Baby (due 12 Sep 2026)',
    )
    expect(describeChild({ firstName: 'Leo', dateOfBirth: null, ageYears: 5, dueDate: null }, now)).to.equal('Leo (5)')
  })

  it('lists the support a family needs', () => {
    expect(
      supportNeeds({ interpreterLanguage: 'Polish', needsStepFree: true, needsChildcare: false, otherSupport: 'Hearing loop' }),
    ).to.deep.equal(['Interpreter: Polish', 'Step-free access', 'Hearing loop'])
  })
})
