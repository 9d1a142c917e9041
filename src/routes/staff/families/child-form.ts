import { DateTime } from 'luxon'
import type { NewChild } from '../../../services/staff/family-service.js'
import { text, type FormBody } from '../form-values.js'

/** A child: first name and one of age, date of birth or (for a baby on the way) due date. */
export function readChild(form: FormBody): { values: FormBody; errors: Record<string, string>; child: NewChild | undefined } {
  const values = { childFirstName: text(form, 'childFirstName', 100), childAge: text(form, 'childAge', 3), childDateOfBirth: text(form, 'childDateOfBirth', 10), childDueDate: text(form, 'childDueDate', 10) }
  const errors: Record<string, string> = {}
  if (!values.childFirstName) errors.childFirstName = 'Enter the child’s first name'
  const age = values.childAge ? Number(values.childAge) : null
  if (age !== null && (!Number.isInteger(age) || age < 0 || age > 25)) errors.childAge = 'Enter an age in whole years, from 0 to 25'
  const dateOfBirth = isoDate(values.childDateOfBirth)
  if (dateOfBirth === undefined) errors.childDateOfBirth = 'Enter a date of birth like 2023-05-27'
  const dueDate = isoDate(values.childDueDate)
  if (dueDate === undefined) errors.childDueDate = 'Enter a due date like 2026-05-27'
  if (Object.keys(errors).length > 0) return { values, errors, child: undefined }
  return { values, errors, child: { firstName: values.childFirstName, ageYears: age, dateOfBirth: dateOfBirth ?? null, dueDate: dueDate ?? null } }
}

/** null when empty, undefined when not a date. */
function isoDate(value: string): string | null | undefined {
  if (!value) return null
  const date = DateTime.fromISO(value)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && date.isValid ? value : undefined
}
