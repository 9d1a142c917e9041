import type { z } from 'zod'
import type { FormErrors } from '../../middleware/flash.js'
import { govukErrors } from './zod-errors.js'

/** A form's clean answer, or its messages keyed by the id of the field to fix (in page order). */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

/**
 * The one way a form is checked: the values read with the field readers go through a zod schema,
 * whose issues become GOV.UK messages. `values` lists the fields in page order, and the error
 * summary follows it, even for a check across fields that zod runs after the single-field ones.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: z.input<S>,
  fieldIds: Record<string, string> = {},
): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values)
  if (parsed.success) return { ok: true, value: parsed.data }
  const order = Object.keys(values as object)
  const place = (key: PropertyKey | undefined) => (order.includes(String(key)) ? order.indexOf(String(key)) : order.length)
  const issues = [...parsed.error.issues].sort((a, b) => place(a.path[0]) - place(b.path[0]))
  return { ok: false, errors: govukErrors({ issues }, fieldIds).fields }
}
