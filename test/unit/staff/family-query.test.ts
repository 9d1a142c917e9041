import { expect } from 'chai'
import { interpretFamilyQuery } from '../../../src/services/staff/family-query.js'

describe('interpreting what reception typed to find a family', () => {
  it('finds a UK mobile number in any format as E.164', () => {
    for (const typed of ['07911 123456', '07911123456', '+44 7911 123456', '(07911) 123-456', '0044 7911 123456']) {
      expect(interpretFamilyQuery(typed), typed).to.deep.equal({ by: 'phone', phone: '+447911123456' })
    }
  })

  it('finds a landline as E.164', () => {
    expect(interpretFamilyQuery('024 7683 1234')).to.deep.equal({ by: 'phone', phone: '+442476831234' })
  })

  it('reads a booking reference however it was written', () => {
    for (const typed of ['FH-7K3P-Q9', 'fh 7k3p q9', 'FH7K3PQ9']) {
      expect(interpretFamilyQuery(typed), typed).to.deep.equal({ by: 'reference', reference: 'FH-7K3P-Q9' })
    }
  })

  it('takes an email address in lower case', () => {
    expect(interpretFamilyQuery(' Sam@Example.COM ')).to.deep.equal({ by: 'email', email: 'sam@example.com' })
  })

  it('takes a full postcode without spaces', () => {
    expect(interpretFamilyQuery('cv1 2ab')).to.deep.equal({ by: 'postcode', postcode: 'CV12AB' })
  })

  it('searches anything else as part of a name', () => {
    expect(interpretFamilyQuery('Patel')).to.deep.equal({ by: 'name', name: 'Patel' })
    expect(interpretFamilyQuery('Jo Smith')).to.deep.equal({ by: 'name', name: 'Jo Smith' })
    expect(interpretFamilyQuery('   ')).to.equal(undefined)
  })
})
