import { z } from 'zod'
import { isLanguage } from '../../../i18n/languages.js'
import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import type { FamilyDetails } from '../../../services/staff/family-service.js'
import type { ConsentInput } from '../../../services/staff/family-service.js'
import { checked, optionalText, text, type FormBody } from '../form-values.js'
import { validateForm } from '../../forms/validate-form.js'
import type { FormErrors } from '../../../middleware/flash.js'

const detailsSchema = z
  .object({
    parentName: z.string().min(1, 'Enter the parent or carer’s name'),
    email: z
      .string()
      .refine((email) => !email || normaliseEmail(email), 'Enter an email address in the correct format, like name@example.com'),
    phone: z.string().refine((phone) => !phone || parseUkMobile(phone), 'Enter a UK mobile number, like 07700 900 982'),
    messageLanguage: z.string().refine((language) => !language || isLanguage(language), 'Select the language for emails and texts'),
  })
  .refine((family) => family.email || family.phone, { message: 'Enter an email address or a UK mobile number', path: ['email'] })

/** The family details form: what it shows back, its errors in form order, and the clean record. */
export function readFamilyDetails(form: FormBody): { values: FormBody; errors: FormErrors; details: FamilyDetails | undefined } {
  const values = {
    parentName: text(form, 'parentName', 200),
    otherCarers: text(form, 'otherCarers', 300),
    email: text(form, 'email', 254),
    phone: text(form, 'phone', 40),
    postcode: text(form, 'postcode', 10),
    interpreterLanguage: text(form, 'interpreterLanguage', 100),
    messageLanguage: text(form, 'messageLanguage', 10),
    needs: [checked(form, 'needs', 'stepFree') && 'stepFree', checked(form, 'needs', 'childcare') && 'childcare'].filter(Boolean),
    otherSupport: text(form, 'otherSupport', 1000),
    notes: text(form, 'notes', 2000),
  }
  const result = validateForm(detailsSchema, values)
  if (!result.ok) return { values, errors: result.errors, details: undefined }
  return {
    values,
    errors: {},
    details: {
      parentName: values.parentName,
      otherCarers: optionalText(form, 'otherCarers', 300),
      email: (values.email && normaliseEmail(values.email)) || null,
      phone: (values.phone && parseUkMobile(values.phone)) || null,
      postcode: values.postcode ? values.postcode.toUpperCase() : null,
      interpreterLanguage: optionalText(form, 'interpreterLanguage', 100),
      messageLanguage: isLanguage(values.messageLanguage) ? values.messageLanguage : null,
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
    messageLanguage: family.messageLanguage ?? '',
    needs: [family.needsStepFree && 'stepFree', family.needsChildcare && 'childcare'].filter(Boolean),
    otherSupport: family.otherSupport ?? '',
    notes: family.notes ?? '',
  }
}

/** Consent is checked against the contact details the family gave (or have on their record). */
const consentSchema = (contact: { email: string | null; phone: string | null }) =>
  z
    .object({ contact: z.array(z.string()), consentSource: z.string() })
    .refine((answer) => !answer.contact.includes('email') || contact.email, {
      message: 'Add an email address to the record to send emails',
      path: ['contact'],
    })
    .refine((answer) => !answer.contact.includes('sms') || contact.phone, {
      message: 'Add a mobile number to the record to send text messages',
      path: ['contact'],
    })
    .refine((answer) => answer.contact.length === 0 || answer.consentSource === 'phone' || answer.consentSource === 'in_person', {
      message: 'Select how the family agreed',
      path: ['consentSource'],
    })
    .transform((answer): ConsentInput => ({
      source: answer.consentSource === 'in_person' ? 'in_person' : 'phone',
      contactByEmail: answer.contact.includes('email'),
      contactBySms: answer.contact.includes('sms'),
    }))

/** The consent question: which messages the family agreed to, and how they told us. */
export function readConsent(
  form: FormBody,
  contact: { email: string | null; phone: string | null },
): { values: FormBody; errors: FormErrors; consent: ConsentInput | undefined } {
  const values = {
    contact: [checked(form, 'contact', 'email') && 'email', checked(form, 'contact', 'sms') && 'sms'].filter((value) => value !== false),
    consentSource: text(form, 'consentSource', 20),
  }
  const result = validateForm(consentSchema(contact), values)
  return result.ok ? { values, errors: {}, consent: result.value } : { values, errors: result.errors, consent: undefined }
}
