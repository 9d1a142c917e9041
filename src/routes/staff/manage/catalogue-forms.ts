import { DateTime } from 'luxon'
import { audiences, bookingModes, deliveryModes, type NewHub, type NewProgramme } from './catalogue-types.js'
import { checked, list, optionalText, text, type FormBody } from '../form-values.js'
import { LONDON } from '../../../time.js'

export type Errors = Record<string, string>

export const slugify = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/

export function readHub(form: FormBody): { values: FormBody; errors: Errors; hub: NewHub | undefined } {
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
  const errors: Errors = {}
  if (!values.name) errors.name = 'Enter the hub’s name'
  const addressLines = values.addressLines.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
  if (addressLines.length === 0) errors.addressLines = 'Enter the address'
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(values.postcode)) errors.postcode = 'Enter a full postcode, like CV1 2AB'
  if (!values.phone) errors.phone = 'Enter the hub’s phone number'
  if (!values.openingHours) errors.openingHours = 'Enter the opening hours'
  if (Object.keys(errors).length > 0) return { values, errors, hub: undefined }
  return {
    values,
    errors,
    hub: {
      slug: slugify(values.name),
      name: values.name,
      addressLines,
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

export function readProgramme(form: FormBody): { values: FormBody; errors: Errors; programme: NewProgramme | undefined } {
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
  }
  const errors: Errors = {}
  if (!values.title) errors.title = 'Enter the programme’s title'
  if (!values.summary) errors.summary = 'Enter a one-line summary'
  if (!values.description) errors.description = 'Enter a description'
  const months = (value: string, field: string) => {
    if (!value) return null
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0 || n > 300) errors[field] = 'Enter an age in months, from 0 to 300'
    return n
  }
  const from = months(values.childAgeFromMonths, 'childAgeFromMonths')
  const to = months(values.childAgeToMonths, 'childAgeToMonths')
  if (from !== null && to !== null && from > to && !errors.childAgeToMonths) errors.childAgeToMonths = 'The upper age must not be less than the lower age'
  if (!(audiences as readonly string[]).includes(values.audience)) errors.audience = 'Select who the programme is for'
  if (!(deliveryModes as readonly string[]).includes(values.delivery)) errors.delivery = 'Select how it is delivered'
  if (!(bookingModes as readonly string[]).includes(values.bookingMode)) errors.bookingMode = 'Select how families book'
  if (Object.keys(errors).length > 0) return { values, errors, programme: undefined }
  return {
    values,
    errors,
    programme: {
      slug: slugify(values.title),
      title: values.title,
      summary: values.summary,
      description: values.description,
      topics: values.topics.map(slugify).filter(Boolean),
      audience: values.audience as NewProgramme['audience'],
      childAgeFromMonths: from,
      childAgeToMonths: to,
      language: values.language,
      delivery: values.delivery as NewProgramme['delivery'],
      bookingMode: values.bookingMode as NewProgramme['bookingMode'],
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

/** A course (weekly, n sessions, dates to skip) or a drop-in (one date). */
export function readCourse(form: FormBody, kind: 'course' | 'drop_in', now = new Date()): { values: FormBody; errors: Errors; course: CourseForm | undefined } {
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
  const errors: Errors = {}
  const programmeId = Number(values.programmeId)
  if (!Number.isInteger(programmeId) || programmeId <= 0) errors.programmeId = 'Select a programme'
  const hubId = Number(values.hubId)
  if (!Number.isInteger(hubId) || hubId <= 0) errors.hubId = 'Select a hub'
  const capacity = Number(values.capacity)
  if (!/^[0-9]+$/.test(values.capacity) || capacity < 1 || capacity > 500) errors.capacity = 'Enter the number of places, from 1 to 500'
  const first = DateTime.fromISO(values.firstDate, { zone: LONDON })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.firstDate) || !first.isValid) errors.firstDate = 'Enter the date like 2026-10-13'
  else if (first.endOf('day').toJSDate() < now) errors.firstDate = 'The date must be today or in the future'
  if (!TIME.test(values.startTime)) errors.startTime = 'Enter the start time like 10:00'
  if (!TIME.test(values.endTime)) errors.endTime = 'Enter the end time like 12:00'
  else if (TIME.test(values.startTime) && values.endTime <= values.startTime) errors.endTime = 'The end time must be after the start time'
  const sessions = Number(values.sessions)
  if (!/^[0-9]+$/.test(values.sessions) || sessions < 1 || sessions > 52) errors.sessions = 'Enter the number of sessions, from 1 to 52'
  const skipDates = values.skipDates.split(/[\s,]+/).filter(Boolean)
  if (skipDates.some((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid)) errors.skipDates = 'Enter dates to skip like 2026-10-27, separated by commas'
  if (Object.keys(errors).length > 0) return { values, errors, course: undefined }
  return { values, errors, course: { programmeId, hubId, capacity, room: values.room || null, firstDate: values.firstDate, startTime: values.startTime, endTime: values.endTime, sessions, skipDates } }
}
