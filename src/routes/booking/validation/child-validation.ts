import { z } from 'zod'
import { field } from '../../forms/fields.js'
import { validateForm } from '../../forms/validate-form.js'
import type { ChildAnswer } from '../journey-state.js'
import { londonToday, parseDateParts } from './date-parts.js'
import type { Validated } from './validation-result.js'

const CHILD_NAME_MAX = 50
const MAX_AGE_YEARS = 18

const dateParts = (answer: Record<string, string>, prefix: 'dateOfBirth' | 'dueDate') => ({
  day: answer[`${prefix}Day`] ?? '',
  month: answer[`${prefix}Month`] ?? '',
  year: answer[`${prefix}Year`] ?? '',
})

/**
 * First name, then one of three ways to give the age. A three-field date is checked as a whole
 * (parseDateParts), and its message goes on the first part to fix.
 */
const childSchema = (now: Date) =>
  z
    .object({
      firstName: z
        .string()
        .min(1, "Enter your child's first name")
        .max(CHILD_NAME_MAX, `First name must be ${CHILD_NAME_MAX} characters or less`),
      ageKind: z.string(),
      ageYears: z.string(),
      dateOfBirthDay: z.string(),
      dateOfBirthMonth: z.string(),
      dateOfBirthYear: z.string(),
      dueDateDay: z.string(),
      dueDateMonth: z.string(),
      dueDateYear: z.string(),
    })
    .superRefine((answer, ctx) => {
      const problem = (id: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [id] })
      const today = londonToday(now)
      if (answer.ageKind === 'age') {
        if (!answer.ageYears) problem('age-years', "Enter your child's age in years")
        else if (!/^\d{1,2}$/.test(answer.ageYears) || Number(answer.ageYears) > MAX_AGE_YEARS)
          problem('age-years', `Age must be a whole number from 0 to ${MAX_AGE_YEARS}`)
      } else if (answer.ageKind === 'dateOfBirth') {
        const parsed = parseDateParts(dateParts(answer, 'dateOfBirth'), 'Date of birth')
        if (!parsed.ok) problem(`date-of-birth-${parsed.errorFields[0]}`, parsed.message || "Enter your child's date of birth")
        else if (parsed.date > today) problem('date-of-birth-day', 'Date of birth must be today or in the past')
        else if (parsed.date < today.minus({ years: MAX_AGE_YEARS + 1 }))
          problem('date-of-birth-year', `Date of birth must be within the last ${MAX_AGE_YEARS} years`)
      } else if (answer.ageKind === 'expecting') {
        const parsed = parseDateParts(dateParts(answer, 'dueDate'), 'Due date')
        if (!parsed.ok) problem(`due-date-${parsed.errorFields[0]}`, parsed.message || 'Enter your due date')
        else if (parsed.date < today) problem('due-date-day', 'Due date must be today or in the future')
        else if (parsed.date > today.plus({ months: 10 })) problem('due-date-month', 'Due date must be within the next 10 months')
      } else {
        problem('age-kind', "Select if you will give your child's age, their date of birth, or that you are expecting")
      }
    })
    .transform((answer): ChildAnswer => {
      if (answer.ageKind === 'age') return { firstName: answer.firstName, kind: 'age', ageYears: Number(answer.ageYears) }
      // Both dates were checked above, so each parses.
      const prefix = answer.ageKind === 'dateOfBirth' ? 'dateOfBirth' : 'dueDate'
      const parsed = parseDateParts(dateParts(answer, prefix), '')
      const iso = parsed.ok ? parsed.iso : ''
      return answer.ageKind === 'dateOfBirth'
        ? { firstName: answer.firstName, kind: 'dateOfBirth', dateOfBirth: iso }
        : { firstName: answer.firstName, kind: 'expecting', dueDate: iso }
    })

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
  const result = validateForm(childSchema(now), values, { firstName: 'first-name' })
  return result.ok ? result : { ...result, values }
}

const addAnotherSchema = (hasChildren: boolean) =>
  z.object({
    addChild: z
      .string()
      .refine(
        (answer) => answer === 'yes' || answer === 'no',
        hasChildren ? 'Select yes if you want to add another child' : 'Select yes if you want to tell us about a child',
      )
      .transform((answer) => answer === 'yes'),
  })

/** "Do you want to add a child?" / "add another child?" */
export function validateAddAnother(body: unknown, hasChildren: boolean): Validated<boolean> {
  const result = validateForm(addAnotherSchema(hasChildren), { addChild: field(body, 'addChild') }, { addChild: 'add-child' })
  return result.ok ? { ok: true, value: result.value.addChild } : { ...result, values: {} }
}
