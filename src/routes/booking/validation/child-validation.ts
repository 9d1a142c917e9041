import { z } from 'zod'
import { field } from '../../forms/fields.js'
import { validateForm } from '../../forms/validate-form.js'
import type { ChildAnswer } from '../journey-state.js'
import type { Translate } from '../../../i18n/translator.js'
import { londonToday, parseDateParts, type DatePart, type DateProblem } from './date-parts.js'
import type { Validated } from './validation-result.js'

const CHILD_NAME_MAX = 50
const MAX_AGE_YEARS = 18
const DUE_WITHIN_MONTHS = 10

const dateParts = (answer: Record<string, string>, prefix: 'dateOfBirth' | 'dueDate') => ({
  day: answer[`${prefix}Day`] ?? '',
  month: answer[`${prefix}Month`] ?? '',
  year: answer[`${prefix}Year`] ?? '',
})

/**
 * First name, then one of three ways to give the age. A three-field date is checked as a whole
 * (parseDateParts), and its message goes on the first part to fix.
 */
/** A refused date's message: 'booking:errors.dateOfBirth.incomplete.day_month' and the like. */
function dateMessage(
  t: Translate,
  date: 'dateOfBirth' | 'dueDate',
  failed: { problem: DateProblem; errorFields: readonly DatePart[] },
): string {
  if (failed.problem === 'empty') return t(`booking:errors.${date}.missing`)
  if (failed.problem === 'incomplete') return t(`booking:errors.${date}.incomplete.${failed.errorFields.join('_')}`)
  return t(`booking:errors.${date}.notADate`)
}

const childSchema = (now: Date, t: Translate) =>
  z
    .object({
      firstName: z
        .string()
        .min(1, t('booking:errors.firstName.missing'))
        .max(CHILD_NAME_MAX, t('booking:errors.firstName.tooLong', { max: CHILD_NAME_MAX })),
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
        if (!answer.ageYears) problem('age-years', t('booking:errors.ageYears.missing'))
        else if (!/^\d{1,2}$/.test(answer.ageYears) || Number(answer.ageYears) > MAX_AGE_YEARS)
          problem('age-years', t('booking:errors.ageYears.notAWholeNumber', { max: MAX_AGE_YEARS }))
      } else if (answer.ageKind === 'dateOfBirth') {
        const parsed = parseDateParts(dateParts(answer, 'dateOfBirth'), 'Date of birth')
        if (!parsed.ok) problem(`date-of-birth-${parsed.errorFields[0]}`, dateMessage(t, 'dateOfBirth', parsed))
        else if (parsed.date > today) problem('date-of-birth-day', t('booking:errors.dateOfBirth.inFuture'))
        else if (parsed.date < today.minus({ years: MAX_AGE_YEARS + 1 }))
          problem('date-of-birth-year', t('booking:errors.dateOfBirth.tooLongAgo', { count: MAX_AGE_YEARS }))
      } else if (answer.ageKind === 'expecting') {
        const parsed = parseDateParts(dateParts(answer, 'dueDate'), 'Due date')
        if (!parsed.ok) problem(`due-date-${parsed.errorFields[0]}`, dateMessage(t, 'dueDate', parsed))
        else if (parsed.date < today) problem('due-date-day', t('booking:errors.dueDate.inPast'))
        else if (parsed.date > today.plus({ months: DUE_WITHIN_MONTHS }))
          problem('due-date-month', t('booking:errors.dueDate.tooFar', { count: DUE_WITHIN_MONTHS }))
      } else {
        problem('age-kind', t('booking:errors.ageKind.missing'))
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
export function validateChild(body: unknown, now: Date, t: Translate): Validated<ChildAnswer> {
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
  const result = validateForm(childSchema(now, t), values, { firstName: 'first-name' })
  return result.ok ? result : { ...result, values }
}

const addAnotherSchema = (hasChildren: boolean, t: Translate) =>
  z.object({
    addChild: z
      .string()
      .refine(
        (answer) => answer === 'yes' || answer === 'no',
        hasChildren ? t('booking:errors.addChild.another') : t('booking:errors.addChild.first'),
      )
      .transform((answer) => answer === 'yes'),
  })

/** "Do you want to add a child?" / "add another child?" */
export function validateAddAnother(body: unknown, hasChildren: boolean, t: Translate): Validated<boolean> {
  const result = validateForm(addAnotherSchema(hasChildren, t), { addChild: field(body, 'addChild') }, { addChild: 'add-child' })
  return result.ok ? { ok: true, value: result.value.addChild } : { ...result, values: {} }
}
