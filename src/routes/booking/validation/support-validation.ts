import { z } from 'zod'
import { field, fieldList } from '../../forms/fields.js'
import { validateForm } from '../../forms/validate-form.js'
import type { BookingJourney } from '../journey-state.js'
import type { Translate } from '../../../i18n/translator.js'
import type { Validated } from './validation-result.js'

const LANGUAGE_MAX = 50
const OTHER_SUPPORT_MAX = 500

type SupportAnswer = NonNullable<BookingJourney['support']>

const NEEDS = ['interpreter', 'stepFree', 'childcare', 'other']
const needsOf = (support: string[]) => (support.includes('none') ? [] : support.filter((value) => NEEDS.includes(value)))
/** A detail box counts only when its need is ticked (and "none" is not). */
const asks = (answer: { support: string[] }, need: string) => needsOf(answer.support).includes(need)

const supportSchema = (t: Translate) =>
  z
    .object({ support: z.array(z.string()), interpreterLanguage: z.string(), otherSupport: z.string() })
    .refine((answer) => answer.support.includes('none') !== answer.support.some((value) => NEEDS.includes(value)), {
      message: t('booking:errors.support.missing'),
      path: ['support'],
    })
    .refine((answer) => !asks(answer, 'interpreter') || answer.interpreterLanguage !== '', {
      message: t('booking:errors.interpreterLanguage.missing'),
      path: ['interpreterLanguage'],
    })
    .refine((answer) => !asks(answer, 'interpreter') || answer.interpreterLanguage.length <= LANGUAGE_MAX, {
      message: t('booking:errors.interpreterLanguage.tooLong', { max: LANGUAGE_MAX }),
      path: ['interpreterLanguage'],
    })
    .refine((answer) => !asks(answer, 'other') || answer.otherSupport !== '', {
      message: t('booking:errors.otherSupport.missing'),
      path: ['otherSupport'],
    })
    .refine((answer) => !asks(answer, 'other') || answer.otherSupport.length <= OTHER_SUPPORT_MAX, {
      message: t('booking:errors.otherSupport.tooLong', { max: OTHER_SUPPORT_MAX }),
      path: ['otherSupport'],
    })
    .transform((answer): SupportAnswer => {
      const needs = needsOf(answer.support)
      return {
        interpreterLanguage: needs.includes('interpreter') ? answer.interpreterLanguage : null,
        stepFree: needs.includes('stepFree'),
        childcare: needs.includes('childcare'),
        other: needs.includes('other') ? answer.otherSupport : null,
      }
    })

/** Step 4: interpreter (which language), step-free access, childcare, anything else; or none. */
export function validateSupport(body: unknown, t: Translate): Validated<SupportAnswer> {
  const values = {
    support: fieldList(body, 'support'),
    interpreterLanguage: field(body, 'interpreterLanguage'),
    otherSupport: field(body, 'otherSupport'),
  }
  const result = validateForm(supportSchema(t), values, { interpreterLanguage: 'interpreter-language', otherSupport: 'other-support' })
  return result.ok ? result : { ...result, values }
}
