import { DateTime } from 'luxon'
import { z } from 'zod'
import type { ReportFilter, ReportOptions } from '../../../domain/reports.js'
import type { StaffPrincipal } from '../../../services/staff/policy.js'
import { HttpError } from '../../../middleware/error-handler.js'
import { field } from '../../forms/fields.js'
import { validateForm, type FormResult } from '../../forms/validate-form.js'
import { londonToday, parseDateParts } from '../../booking/validation/date-parts.js'

/** The longest range a report covers: a longer one is refused rather than left to run for minutes. */
const MAX_RANGE_YEARS = 3
/** With no dates asked for, the report covers the last 12 weeks up to today (London). */
const DEFAULT_WEEKS = 12

const dateFields = ['fromDay', 'fromMonth', 'fromYear', 'toDay', 'toMonth', 'toYear'] as const
const idFields = ['hub', 'programme', 'course'] as const

/** The filter form's answers as typed (strings), in page order. */
export type FilterValues = Record<(typeof dateFields)[number] | (typeof idFields)[number], string>

/** The hubs a member of staff may see figures for: every hub for admins, their own for hub managers. */
export const scopeOf = (user: StaffPrincipal): ReportFilter['scope'] => (user.role === 'admin' ? 'all' : user.hubIds)

/**
 * The query string's filter. A date nobody gave (no day, month or year in the query at all, as on
 * first opening the page) is the default; a date given but emptied is an error, as a form should be.
 */
export function readFilter(query: unknown, now: Date): FilterValues {
  const read = (name: string) => field(query, name, 20)
  const given = (prefix: 'from' | 'to') =>
    ['Day', 'Month', 'Year'].some((part) => (query as Record<string, unknown>)?.[prefix + part] !== undefined)
  const today = londonToday(now)
  const parts = (date: DateTime) => ({ Day: String(date.day), Month: String(date.month), Year: String(date.year) })
  const fallback = { from: parts(today.minus({ weeks: DEFAULT_WEEKS })), to: parts(today) }
  const datePart = (prefix: 'from' | 'to', part: 'Day' | 'Month' | 'Year') => (given(prefix) ? read(prefix + part) : fallback[prefix][part])
  return {
    fromDay: datePart('from', 'Day'),
    fromMonth: datePart('from', 'Month'),
    fromYear: datePart('from', 'Year'),
    toDay: datePart('to', 'Day'),
    toMonth: datePart('to', 'Month'),
    toYear: datePart('to', 'Year'),
    hub: read('hub'),
    programme: read('programme'),
    course: read('course'),
  }
}

const datePartsOf = (values: Pick<FilterValues, (typeof dateFields)[number]>, prefix: 'from' | 'to') => ({
  day: values[`${prefix}Day`],
  month: values[`${prefix}Month`],
  year: values[`${prefix}Year`],
})

const optionalId = (message: string) =>
  z
    .string()
    .refine((value) => value === '' || /^[0-9]{1,9}$/.test(value), message)
    .transform((value) => (value === '' ? undefined : Number(value)))

const filterSchema = z
  .object({
    fromDay: z.string(),
    fromMonth: z.string(),
    fromYear: z.string(),
    toDay: z.string(),
    toMonth: z.string(),
    toYear: z.string(),
    hub: optionalId('Select a hub from the list'),
    programme: optionalId('Select a programme from the list'),
    course: optionalId('Select a course from the list'),
  })
  .superRefine((values, ctx) => {
    const problem = (id: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [id] })
    const from = parseDateParts(datePartsOf(values, 'from'), 'The start date')
    const to = parseDateParts(datePartsOf(values, 'to'), 'The end date')
    // Keyed by the form's own field (fromMonth…) so the summary keeps page order; fieldIds maps them to ids.
    const part = (prefix: 'from' | 'to', datePart: string = 'day') => `${prefix}${datePart.charAt(0).toUpperCase()}${datePart.slice(1)}`
    if (!from.ok) problem(part('from', from.errorFields[0]), from.message || 'Enter the start date')
    if (!to.ok) problem(part('to', to.errorFields[0]), to.message || 'Enter the end date')
    if (!from.ok || !to.ok) return
    if (from.date > to.date) problem('toDay', 'The end date must be the same as or after the start date')
    else if (from.date < to.date.minus({ years: MAX_RANGE_YEARS }))
      problem('fromDay', `The dates must be no more than ${MAX_RANGE_YEARS} years apart`)
  })
  .transform((values) => ({
    from: DateTime.fromObject({ day: Number(values.fromDay), month: Number(values.fromMonth), year: Number(values.fromYear) }).toISODate()!,
    to: DateTime.fromObject({ day: Number(values.toDay), month: Number(values.toMonth), year: Number(values.toYear) }).toISODate()!,
    hubId: values.hub,
    programmeId: values.programme,
    courseId: values.course,
  }))

export type CheckedFilter = Omit<ReportFilter, 'scope'>

/** The id of each date part's input, as the date-input component names them (from-day…). */
const fieldIds = Object.fromEntries(dateFields.map((name) => [name, name.replace(/(Day|Month|Year)$/, (p) => `-${p.toLowerCase()}`)]))

/** Dates that make sense and ids that are whole numbers; the message goes on the first field to fix. */
export function validateFilter(values: FilterValues): FormResult<CheckedFilter> {
  return validateForm(filterSchema, values, fieldIds)
}

/** A hub outside a hub manager's own is a 403, as another hub's course page is: checked before any figures are read. */
export function assertOwnHub(checked: CheckedFilter, scope: ReportFilter['scope']): void {
  if (scope !== 'all' && checked.hubId !== undefined && !scope.includes(checked.hubId))
    throw new HttpError(403, 'You can only see the figures for your own hubs.')
}

/**
 * The filter for one member of staff. Any id the form does not offer them (a course at another
 * hub, one that does not exist) is a 404: no figures, and no hint what the id is.
 */
export function scopedFilter(checked: CheckedFilter, scope: ReportFilter['scope'], options: ReportOptions): ReportFilter {
  assertOwnHub(checked, scope)
  const offered = (id: number | undefined, list: { id: number }[]) => id === undefined || list.some((item) => item.id === id)
  if (
    !offered(checked.hubId, options.hubs) ||
    !offered(checked.programmeId, options.programmes) ||
    !offered(checked.courseId, options.courses)
  )
    throw new HttpError(404, 'Not found')
  const filter: ReportFilter = { from: checked.from, to: checked.to, scope }
  if (checked.hubId !== undefined) filter.hubId = checked.hubId
  if (checked.programmeId !== undefined) filter.programmeId = checked.programmeId
  if (checked.courseId !== undefined) filter.courseId = checked.courseId
  return filter
}

/** The filter as a query string, for the CSV links: the same figures as the page. */
export function filterQuery(values: FilterValues): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values))
    if (value !== '' || !(idFields as readonly string[]).includes(name)) query.set(name, value)
  return query.toString()
}
