import { field, fieldList } from '../../forms/fields.js'
import type { FormErrors } from '../../../middleware/flash.js'
import type { BookingJourney } from '../journey-state.js'
import type { Validated } from './validation-result.js'

export const LANGUAGE_MAX = 50
export const OTHER_SUPPORT_MAX = 500

type SupportAnswer = NonNullable<BookingJourney['support']>

/** Step 4: interpreter (which language), step-free access, childcare, anything else; or none. */
export function validateSupport(body: unknown): Validated<SupportAnswer> {
  const chosen = fieldList(body, 'support')
  const values = { support: chosen, interpreterLanguage: field(body, 'interpreterLanguage'), otherSupport: field(body, 'otherSupport') }
  const errors: FormErrors = {}
  const none = chosen.includes('none')
  const needs = chosen.filter((value) => ['interpreter', 'stepFree', 'childcare', 'other'].includes(value))
  if ((!none && needs.length === 0) || (none && needs.length > 0)) {
    errors.support = 'Select the support you need, or select ‘I do not need any support’'
  }
  if (!none && needs.includes('interpreter')) {
    if (!values.interpreterLanguage) errors['interpreter-language'] = 'Enter the language you need an interpreter for'
    else if (values.interpreterLanguage.length > LANGUAGE_MAX) errors['interpreter-language'] = `Language must be ${LANGUAGE_MAX} characters or less`
  }
  if (!none && needs.includes('other')) {
    if (!values.otherSupport) errors['other-support'] = 'Enter the other support you need'
    else if (values.otherSupport.length > OTHER_SUPPORT_MAX) errors['other-support'] = `Other support must be ${OTHER_SUPPORT_MAX} characters or less`
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values }
  return {
    ok: true,
    value: {
      interpreterLanguage: needs.includes('interpreter') ? values.interpreterLanguage : null,
      stepFree: needs.includes('stepFree'),
      childcare: needs.includes('childcare'),
      other: needs.includes('other') ? values.otherSupport : null,
    },
  }
}
