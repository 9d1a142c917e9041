import type { z } from 'zod'
import type { FormErrors } from '../../middleware/flash.js'

export interface ShownErrors {
  /** For the error summary, in the order of the fields on the page. */
  summary: { text: string; href: string }[]
  /** For the message above each field, keyed by the id of the input to focus. */
  fields: FormErrors
}

/**
 * A zod error as GOV.UK shows it: one message per field (the first zod raised, so a schema lists
 * its checks most basic first), keyed by the input's id. `fieldIds` maps a schema key to the id
 * when they differ (fullName → full-name).
 */
export function govukErrors(error: Pick<z.ZodError, 'issues'>, fieldIds: Record<string, string> = {}): ShownErrors {
  const fields: FormErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '')
    const id = fieldIds[key] ?? key
    if (!(id in fields)) fields[id] = issue.message
  }
  return { fields, summary: Object.entries(fields).map(([id, text]) => ({ text, href: `#${id}` })) }
}
