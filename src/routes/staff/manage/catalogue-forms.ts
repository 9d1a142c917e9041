import { DateTime } from 'luxon'
import { z } from 'zod'
import { audiences, bookingModes, deliveryModes, type NewHub, type NewProgramme } from './catalogue-types.js'
import { checked, list, optionalText, text, type FormBody } from '../form-values.js'
import { validateForm } from '../../forms/validate-form.js'
import type { FormErrors } from '../../../middleware/flash.js'
import { LONDON, londonTimeProblem } from '../../../time.js'
import { weeklyDates } from '../../../services/staff/weekly-sessions.js'
import { capacitySchema, isIsoDate, isoDateSchema, timeSchema, TIME } from '../staff-fields.js'

const slugify = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)

const addressLinesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

const hubSchema = z.object({
  name: z.string().min(1, 'Enter the hub’s name'),
  addressLines: z.string().refine((lines) => addressLinesOf(lines).length > 0, 'Enter the address'),
  postcode: z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a full postcode, like CV1 2AB'),
  phone: z.string().min(1, 'Enter the hub’s phone number'),
  openingHours: z.string().min(1, 'Enter the opening hours'),
})

export function readHub(form: FormBody): { values: FormBody; errors: FormErrors; hub: NewHub | undefined } {
  const values = {
    name: text(form, 'name', 200),
    addressLines: text(form, 'addressLines', 500),
    postcode: text(form, 'postcode', 10).toUpperCase(),
    phone: text(form, 'phone', 40),
    email: text(form, 'email', 254),
    openingHours: text(form, 'openingHours', 300),
    facilities: list(form, 'facilities'),
    accessibilityNotes: text(form, 'accessibilityNotes', 1000),
    gettingThere: text(form, 'gettingThere', 1000),
  }
  const result = validateForm(hubSchema, values)
  if (!result.ok) return { values, errors: result.errors, hub: undefined }
  return {
    values,
    errors: {},
    hub: {
      slug: slugify(values.name),
      name: values.name,
      addressLines: addressLinesOf(values.addressLines),
      postcode: values.postcode,
      phone: values.phone,
      email: values.email || null,
      openingHours: values.openingHours,
      stepFree: checked(form, 'facilities', 'stepFree'),
      parking: checked(form, 'facilities', 'parking'),
      babyChange: checked(form, 'facilities', 'babyChange'),
      accessibilityNotes: optionalText(form, 'accessibilityNotes', 1000),
      gettingThere: optionalText(form, 'gettingThere', 1000),
    },
  }
}

/** An optional age in months: empty, or a whole number from 0 to 300. */
const monthsSchema = z
  .string()
  .refine(
    (value) => !value || (Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= 300),
    'Enter an age in months, from 0 to 300',
  )
/** An optional number in a range: blank means "the service's setting". */
const optionalNumber = (message: string, min: number, max: number, whole: boolean) =>
  z.string().refine((value) => {
    if (!value) return true
    const n = Number(value)
    return Number.isFinite(n) && (!whole || Number.isInteger(n)) && n >= min && n <= max
  }, message)

/** Waiting-list rules a programme may set (migration 0010); blank leaves the setting in charge. */
const offerRulesSchema = {
  offerHours: optionalNumber('Enter how long an offer lasts in hours, from 0.5 to 168, or leave it blank', 0.5, 168, false),
  offerRounds: optionalNumber(
    'Enter the number of families to try one after another, a whole number from 1 to 24, or leave it blank',
    1,
    24,
    true,
  ),
  openOfferMinutesBeforeStart: optionalNumber(
    'Enter when open offers close, in whole minutes before the start from 0 to 10080, or leave it blank',
    0,
    10080,
    true,
  ),
}

const oneOf = (choices: readonly string[], message: string) => z.string().refine((value) => choices.includes(value), message)

const programmeSchema = z
  .object({
    title: z.string().min(1, 'Enter the programme’s title'),
    summary: z.string().min(1, 'Enter a one-line summary'),
    description: z.string().min(1, 'Enter a description'),
    childAgeFromMonths: monthsSchema,
    childAgeToMonths: monthsSchema,
    audience: oneOf(audiences, 'Select who the programme is for'),
    delivery: oneOf(deliveryModes, 'Select how it is delivered'),
    bookingMode: oneOf(bookingModes, 'Select how families book'),
    ...offerRulesSchema,
  })
  .refine(
    (answer) =>
      !answer.childAgeFromMonths || !answer.childAgeToMonths || !(Number(answer.childAgeFromMonths) > Number(answer.childAgeToMonths)),
    {
      message: 'The upper age must not be less than the lower age',
      path: ['childAgeToMonths'],
    },
  )

export function readProgramme(form: FormBody): { values: FormBody; errors: FormErrors; programme: NewProgramme | undefined } {
  const values = {
    title: text(form, 'title', 200),
    summary: text(form, 'summary', 500),
    description: text(form, 'description', 5000),
    topics: list(form, 'topics'),
    audience: text(form, 'audience', 20),
    childAgeFromMonths: text(form, 'childAgeFromMonths', 3),
    childAgeToMonths: text(form, 'childAgeToMonths', 3),
    language: text(form, 'language', 50) || 'English',
    delivery: text(form, 'delivery', 20),
    bookingMode: text(form, 'bookingMode', 20),
    offerHours: text(form, 'offerHours', 10),
    offerRounds: text(form, 'offerRounds', 10),
    openOfferMinutesBeforeStart: text(form, 'openOfferMinutesBeforeStart', 10),
  }
  const result = validateForm(programmeSchema, values)
  if (!result.ok) return { values, errors: result.errors, programme: undefined }
  const months = (value: string) => (value ? Number(value) : null)
  return {
    values,
    errors: {},
    programme: {
      slug: slugify(values.title),
      title: values.title,
      summary: values.summary,
      description: values.description,
      topics: values.topics.map(slugify).filter(Boolean),
      audience: values.audience as NewProgramme['audience'],
      childAgeFromMonths: months(values.childAgeFromMonths),
      childAgeToMonths: months(values.childAgeToMonths),
      language: values.language,
      delivery: values.delivery as NewProgramme['delivery'],
      bookingMode: values.bookingMode as NewProgramme['bookingMode'],
      offerHours: values.offerHours ? Number(values.offerHours) : null,
      offerRounds: values.offerRounds ? Number(values.offerRounds) : null,
      openOfferMinutesBeforeStart: values.openOfferMinutesBeforeStart ? Number(values.openOfferMinutesBeforeStart) : null,
    },
  }
}

export interface CourseForm {
  programmeId: number
  hubId: number
  capacity: number
  room: string | null
  firstDate: string
  startTime: string
  endTime: string
  sessions: number
  skipDates: string[]
}

const idSchema = (message: string) => z.string().refine((value) => Number.isInteger(Number(value)) && Number(value) > 0, message)
const skipDatesOf = (text: string) => text.split(/[\s,]+/).filter(Boolean)

const courseSchema = (now: Date) =>
  z
    .object({
      programmeId: idSchema('Select a programme'),
      hubId: idSchema('Select a hub'),
      capacity: capacitySchema,
      firstDate: isoDateSchema.refine(
        (date) => !isIsoDate(date) || DateTime.fromISO(date, { zone: LONDON }).endOf('day').toJSDate() >= now,
        'The date must be today or in the future',
      ),
      startTime: timeSchema('Enter the start time like 10:00'),
      endTime: timeSchema('Enter the end time like 12:00'),
      sessions: z
        .string()
        .refine(
          (value) => /^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= 52,
          'Enter the number of sessions, from 1 to 52',
        ),
      skipDates: z
        .string()
        .refine((dates) => skipDatesOf(dates).every(isIsoDate), 'Enter dates to skip like 2026-10-27, separated by commas'),
    })
    .refine((answer) => !TIME.test(answer.startTime) || !TIME.test(answer.endTime) || answer.endTime > answer.startTime, {
      message: 'The end time must be after the start time',
      path: ['endTime'],
    })
    // Every week's date at both times must exist in London: a course that meets in the hour the
    // clocks skip in March would have a session at a time that never comes.
    .superRefine((answer, ctx) => {
      const sessions = Number(answer.sessions)
      if (!isIsoDate(answer.firstDate) || !TIME.test(answer.startTime) || !TIME.test(answer.endTime) || !(sessions >= 1 && sessions <= 52))
        return
      const skipDates = skipDatesOf(answer.skipDates).filter(isIsoDate)
      for (const date of weeklyDates({ firstDate: answer.firstDate, sessions, skipDates })) {
        for (const key of ['startTime', 'endTime'] as const) {
          const problem = londonTimeProblem(date, answer[key])
          if (problem)
            return ctx.addIssue({ code: 'custom', path: [key], message: date === answer.firstDate ? problem : `${problem} (${date})` })
        }
      }
    })

/** A course (weekly, n sessions, dates to skip) or a drop-in (one date). */
export function readCourse(
  form: FormBody,
  kind: 'course' | 'drop_in',
  now = new Date(),
): { values: FormBody; errors: FormErrors; course: CourseForm | undefined } {
  const values = {
    programmeId: text(form, 'programmeId', 9),
    hubId: text(form, 'hubId', 9),
    capacity: text(form, 'capacity', 4),
    room: text(form, 'room', 100),
    firstDate: text(form, 'firstDate', 10),
    startTime: text(form, 'startTime', 5),
    endTime: text(form, 'endTime', 5),
    sessions: kind === 'drop_in' ? '1' : text(form, 'sessions', 3),
    skipDates: text(form, 'skipDates', 500),
  }
  const result = validateForm(courseSchema(now), values)
  if (!result.ok) return { values, errors: result.errors, course: undefined }
  const { firstDate, startTime, endTime } = values
  const course = {
    programmeId: Number(values.programmeId),
    hubId: Number(values.hubId),
    capacity: Number(values.capacity),
    room: values.room || null,
    sessions: Number(values.sessions),
  }
  return { values, errors: {}, course: { ...course, firstDate, startTime, endTime, skipDates: skipDatesOf(values.skipDates) } }
}
