import { field } from '../../forms/fields.js'
import type { FormErrors } from '../../../middleware/flash.js'
import type { ChildAnswer } from '../journey-state.js'
import { londonToday, parseDateParts } from './date-parts.js'
import type { Validated } from './validation-result.js'

export const CHILD_NAME_MAX = 50
const MAX_AGE_YEARS = 18

/** "Add a child": first name, then age in years, date of birth, or "expecting" with a due date. */
export function validateChild(body: unknown, now: Date): Validated<ChildAnswer> {
  const values = {
    firstName: field(body, 'firstName'),
    ageKind: field(body, 'ageKind'),
    ageYears: field(body, 'ageYears'),
    dateOfBirthDay: field(body, 'dateOfBirthDay'),
    dateOfBirthMonth: field(body, 'dateOfBirthMonth'),
    dateOfBirthYear: field(body, 'dateOfBirthYear'),
    dueDateDay: field(body, 'dueDateDay'),
    dueDateMonth: field(body, 'dueDateMonth'),
    dueDateYear: field(body, 'dueDateYear'),
  }
  const errors: FormErrors = {}
  if (!values.firstName) errors['first-name'] = "Enter your child's first name"
  else if (values.firstName.length > CHILD_NAME_MAX) errors['first-name'] = `First name must be ${CHILD_NAME_MAX} characters or less`

  const today = londonToday(now)
  let child: ChildAnswer | undefined
  if (values.ageKind === 'age') {
    const age = /^\d{1,2}$/.test(values.ageYears) ? Number(values.ageYears) : Number.NaN
    if (!values.ageYears) errors['age-years'] = "Enter your child's age in years"
    else if (Number.isNaN(age) || age > MAX_AGE_YEARS) errors['age-years'] = `Age must be a whole number from 0 to ${MAX_AGE_YEARS}`
    else child = { firstName: values.firstName, kind: 'age', ageYears: age }
  } else if (values.ageKind === 'dateOfBirth') {
    const parsed = parseDateParts({ day: values.dateOfBirthDay, month: values.dateOfBirthMonth, year: values.dateOfBirthYear }, 'Date of birth')
    if (!parsed.ok) errors[`date-of-birth-${parsed.errorFields[0]}`] = parsed.message || "Enter your child's date of birth"
    else if (parsed.date > today) errors['date-of-birth-day'] = 'Date of birth must be today or in the past'
    else if (parsed.date < today.minus({ years: MAX_AGE_YEARS + 1 })) errors['date-of-birth-year'] = `Date of birth must be within the last ${MAX_AGE_YEARS} years`
    else child = { firstName: values.firstName, kind: 'dateOfBirth', dateOfBirth: parsed.iso }
  } else if (values.ageKind === 'expecting') {
    const parsed = parseDateParts({ day: values.dueDateDay, month: values.dueDateMonth, year: values.dueDateYear }, 'Due date')
    if (!parsed.ok) errors[`due-date-${parsed.errorFields[0]}`] = parsed.message || 'Enter your due date'
    else if (parsed.date < today) errors['due-date-day'] = 'Due date must be today or in the future'
    else if (parsed.date > today.plus({ months: 10 })) errors['due-date-month'] = 'Due date must be within the next 10 months'
    else child = { firstName: values.firstName, kind: 'expecting', dueDate: parsed.iso }
  } else {
    errors['age-kind'] = "Select if you will give your child's age, their date of birth, or that you are expecting"
  }
  if (Object.keys(errors).length > 0 || !child) return { ok: false, errors, values }
  return { ok: true, value: child }
}

/** "Do you want to add a child?" / "add another child?" */
export function validateAddAnother(body: unknown, hasChildren: boolean): Validated<boolean> {
  const answer = field(body, 'addChild')
  if (answer === 'yes' || answer === 'no') return { ok: true, value: answer === 'yes' }
  const message = hasChildren ? 'Select yes if you want to add another child' : 'Select yes if you want to tell us about a child'
  return { ok: false, errors: { 'add-child': message }, values: {} }
}
