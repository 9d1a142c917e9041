import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import type { FamilyDetails } from '../../../services/staff/family-service.js'
import type { ConsentInput } from '../../../services/staff/family-service.js'
import { checked, optionalText, text, type FormBody } from '../form-values.js'

export type Errors = Record<string, string>

/** The family details form: what it shows back, its errors in form order, and the clean record. */
export function readFamilyDetails(form: FormBody): { values: FormBody; errors: Errors; details: FamilyDetails | undefined } {
  const errors: Errors = {}
  const values = {
    parentName: text(form, 'parentName', 200),
    otherCarers: text(form, 'otherCarers', 300),
    email: text(form, 'email', 254),
    phone: text(form, 'phone', 40),
    postcode: text(form, 'postcode', 10),
    interpreterLanguage: text(form, 'interpreterLanguage', 100),
    needs: [checked(form, 'needs', 'stepFree') && 'stepFree', checked(form, 'needs', 'childcare') && 'childcare'].filter(Boolean),
    otherSupport: text(form, 'otherSupport', 1000),
    notes: text(form, 'notes', 2000),
  }
  if (!values.parentName) errors.parentName = 'Enter the parent or carer’s name'
  const email = values.email ? normaliseEmail(values.email) : null
  if (email === undefined) errors.email = 'Enter an email address in the correct format, like name@example.com'
  const phone = values.phone ? parseUkMobile(values.phone) : null
  if (phone === undefined) errors.phone = 'Enter a UK mobile number, like 07700 900 982'
  if (!values.email && !values.phone) errors.email = 'Enter an email address or a UK mobile number'
  if (Object.keys(errors).length > 0) return { values, errors, details: undefined }
  return {
    values,
    errors,
    details: {
      parentName: values.parentName,
      otherCarers: optionalText(form, 'otherCarers', 300),
      email: email ?? null,
      phone: phone ?? null,
      postcode: values.postcode ? values.postcode.toUpperCase() : null,
      interpreterLanguage: optionalText(form, 'interpreterLanguage', 100),
      needsStepFree: values.needs.includes('stepFree'),
      needsChildcare: values.needs.includes('childcare'),
      otherSupport: optionalText(form, 'otherSupport', 1000),
      notes: optionalText(form, 'notes', 2000),
    },
  }
}

/** The form's values for an existing record. */
export function familyFormValues(family: FamilyDetails & { email: string | null; phone: string | null }): FormBody {
  return {
    ...family,
    otherCarers: family.otherCarers ?? '',
    email: family.email ?? '',
    phone: family.phone ?? '',
    postcode: family.postcode ?? '',
    interpreterLanguage: family.interpreterLanguage ?? '',
    needs: [family.needsStepFree && 'stepFree', family.needsChildcare && 'childcare'].filter(Boolean),
    otherSupport: family.otherSupport ?? '',
    notes: family.notes ?? '',
  }
}

/**
 * The consent question: which messages the family agreed to, and how they told us. Checked
 * against the contact details they gave (or have on their record).
 */
export function readConsent(form: FormBody, contact: { email: string | null; phone: string | null }): { values: FormBody; errors: Errors; consent: ConsentInput | undefined } {
  const errors: Errors = {}
  const values = { contact: [checked(form, 'contact', 'email') && 'email', checked(form, 'contact', 'sms') && 'sms'].filter(Boolean), consentSource: text(form, 'consentSource', 20) }
  const contactByEmail = values.contact.includes('email')
  const contactBySms = values.contact.includes('sms')
  if (contactByEmail && !contact.email) errors.contact = 'Add an email address to the record to send emails'
  else if (contactBySms && !contact.phone) errors.contact = 'Add a mobile number to the record to send text messages'
  const source = values.consentSource
  if ((contactByEmail || contactBySms) && source !== 'phone' && source !== 'in_person') errors.consentSource = 'Select how the family agreed'
  if (Object.keys(errors).length > 0) return { values, errors, consent: undefined }
  return { values, errors, consent: { source: source === 'in_person' ? 'in_person' : 'phone', contactByEmail, contactBySms } }
}
