import { expect } from 'chai'
import { z } from 'zod'
import { field, fieldList } from '../../../src/routes/forms/fields.js'
import { govukErrors } from '../../../src/routes/forms/zod-errors.js'
import { validateDetails } from '../../../src/routes/booking/validation/details-validation.js'
import { translator } from '../../../src/i18n/translator.js'

const english = translator('en')

describe('form field readers', () => {
  it('read one trimmed string, and nothing from arrays, objects or missing fields', () => {
    const body = { name: '  Sam  ', twice: ['a', 'b'], nested: { a: 1 } }
    expect(field(body, 'name')).to.equal('Sam')
    expect(field(body, 'twice')).to.equal('')
    expect(field(body, 'nested')).to.equal('')
    expect(field(undefined, 'name')).to.equal('')
    expect(field({ long: 'abcdef' }, 'long', 3)).to.equal('abc')
  })

  it('read a checkbox group as a list, one value or many, ignoring anything not a string', () => {
    expect(fieldList({ topics: 'baby' }, 'topics')).to.deep.equal(['baby'])
    expect(fieldList({ topics: ['baby', 7, 'play'] }, 'topics')).to.deep.equal(['baby', 'play'])
    expect(fieldList({ topics: '' }, 'topics')).to.deep.equal([])
    expect(fieldList({}, 'topics')).to.deep.equal([])
  })
})

describe('zod errors as GOV.UK shows them', () => {
  const schema = z.object({
    fullName: z.string().min(1, 'Enter your full name').max(3, 'Too long'),
    email: z.string().min(1, 'Enter your email address').email('Enter an email address in the correct format'),
  })

  it('keep the first message per field, keyed by the input id, in field order, with summary links', () => {
    const parsed = schema.safeParse({ fullName: '', email: '' })
    if (parsed.success) throw new Error('expected a failure')
    const shown = govukErrors(parsed.error, { fullName: 'full-name' })
    expect(shown.fields).to.deep.equal({ 'full-name': 'Enter your full name', email: 'Enter your email address' })
    expect(shown.summary).to.deep.equal([
      { text: 'Enter your full name', href: '#full-name' },
      { text: 'Enter your email address', href: '#email' },
    ])
  })

  it('give "your details" the messages it always gave, in the order of the fields', () => {
    const noContact = validateDetails({}, english)
    expect(noContact.ok).to.equal(false)
    if (!noContact.ok)
      expect(Object.entries(noContact.errors)).to.deep.equal([
        ['full-name', 'Enter your full name'],
        ['email', 'Enter an email address or a UK mobile number'],
      ])
    const badBoth = validateDetails({ fullName: 'Sam', email: 'sam', phone: '123' }, english)
    if (!badBoth.ok)
      expect(badBoth.errors).to.deep.equal({
        email: 'Enter an email address in the correct format, like name@example.com',
        phone: 'Enter a UK mobile number, like 07700 900 982',
      })
    else expect.fail('expected errors')
  })
})
