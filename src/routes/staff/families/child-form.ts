import { z } from 'zod'
import type { NewChild } from '../../../services/staff/family-service.js'
import { text, type FormBody } from '../form-values.js'
import { validateForm } from '../../forms/validate-form.js'
import type { FormErrors } from '../../../middleware/flash.js'
import { isIsoDate } from '../staff-fields.js'

/** Empty, or a date typed like 2023-05-27. */
const optionalDate = (message: string) => z.string().refine((value) => !value || isIsoDate(value), message)

const childSchema = z.object({
  childFirstName: z.string().min(1, 'Enter the child’s first name'),
  childAge: z
    .string()
    .refine(
      (value) => !value || (Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= 25),
      'Enter an age in whole years, from 0 to 25',
    ),
  childDateOfBirth: optionalDate('Enter a date of birth like 2023-05-27'),
  childDueDate: optionalDate('Enter a due date like 2026-05-27'),
})

/** A child: first name and one of age, date of birth or (for a baby on the way) due date. */
export function readChild(form: FormBody): { values: FormBody; errors: FormErrors; child: NewChild | undefined } {
  const values = {
    childFirstName: text(form, 'childFirstName', 100),
    childAge: text(form, 'childAge', 3),
    childDateOfBirth: text(form, 'childDateOfBirth', 10),
    childDueDate: text(form, 'childDueDate', 10),
  }
  const result = validateForm(childSchema, values)
  if (!result.ok) return { values, errors: result.errors, child: undefined }
  return {
    values,
    errors: {},
    child: {
      firstName: values.childFirstName,
      ageYears: values.childAge ? Number(values.childAge) : null,
      dateOfBirth: values.childDateOfBirth || null,
      dueDate: values.childDueDate || null,
    },
  }
}
