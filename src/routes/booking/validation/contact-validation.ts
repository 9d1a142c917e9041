import { z } from 'zod'
import { fieldList } from '../../forms/fields.js'
import { validateForm } from '../../forms/validate-form.js'
import type { Translate } from '../../../i18n/translator.js'
import type { Validated } from './validation-result.js'

/** Only the contacts they gave are offered, or counted. */
const contactSchema = (offered: { email: boolean; sms: boolean }, t: Translate) =>
  z
    .object({ contactBy: z.array(z.string()) })
    .transform(({ contactBy }) => ({
      byEmail: offered.email && contactBy.includes('email'),
      bySms: offered.sms && contactBy.includes('sms'),
    }))
    .refine((contact) => contact.byEmail || contact.bySms, { message: t('booking:errors.contactBy.missing'), path: ['contactBy'] })

/** Step 2: which of the contacts given we may use. */
export function validateContact(
  body: unknown,
  offered: { email: boolean; sms: boolean },
  t: Translate,
): Validated<{ byEmail: boolean; bySms: boolean }> {
  const values = { contactBy: fieldList(body, 'contactBy') }
  const result = validateForm(contactSchema(offered, t), values, { contactBy: 'contact-by' })
  return result.ok ? result : { ...result, values }
}
