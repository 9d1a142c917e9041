import { expect } from 'chai'
import { z } from 'zod'
import { validateForm } from '../../../src/routes/forms/validate-form.js'
import { readProgramme } from '../../../src/routes/staff/manage/catalogue-forms.js'
import { validateSupport } from '../../../src/routes/booking/validation/support-validation.js'
import { translator } from '../../../src/i18n/translator.js'

const english = translator('en')

describe('validating a form with validateForm', () => {
  it('gives the clean value, or the messages in the order of the fields on the page', () => {
    const schema = z
      .object({ first: z.string().min(1, 'Enter first'), second: z.string(), third: z.string().min(1, 'Enter third') })
      .refine((answer) => answer.second === 'yes', { message: 'Say yes', path: ['second'] })
    expect(validateForm(schema, { first: 'a', second: 'yes', third: 'c' })).to.deep.equal({
      ok: true,
      value: { first: 'a', second: 'yes', third: 'c' },
    })
    const refused = validateForm(schema, { first: '', second: 'no', third: '' })
    // The check across fields ran last, but its message stands where its field is.
    expect(refused.ok ? [] : Object.keys(refused.errors)).to.deep.equal(['first', 'second', 'third'])
  })

  it('keeps the programme form’s summary order: an upper age below the lower one comes before the audience', () => {
    const { errors } = readProgramme({
      title: 'T',
      summary: 'S',
      description: 'D',
      childAgeFromMonths: '24',
      childAgeToMonths: '12',
      audience: 'nobody',
      delivery: 'in_person',
      bookingMode: 'open',
    })
    expect(errors).to.deep.equal({
      childAgeToMonths: 'The upper age must not be less than the lower age',
      audience: 'Select who the programme is for',
    })
  })

  it('checks the support details only for the needs ticked', () => {
    expect(validateSupport({ support: ['interpreter', 'other'] }, english)).to.deep.include({
      ok: false,
      errors: {
        'interpreter-language': 'Enter the language you need an interpreter for',
        'other-support': 'Enter the other support you need',
      },
    })
    expect(validateSupport({ support: 'none', interpreterLanguage: 'x'.repeat(60) }, english)).to.deep.equal({
      ok: true,
      value: { interpreterLanguage: null, stepFree: false, childcare: false, other: null },
    })
    expect(validateSupport({ support: ['none', 'childcare'] }, english)).to.deep.include({
      ok: false,
      errors: { support: 'Select the support you need, or select ‘I do not need any support’' },
    })
  })
})
