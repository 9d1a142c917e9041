import { DateTime } from 'luxon'
import { z } from 'zod'

/** Field checks shared by staff forms: dates and times typed as text, and course capacity. */
export const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/

export const timeSchema = (message: string) => z.string().regex(TIME, message)

export const isIsoDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid

export const isoDateSchema = z.string().refine(isIsoDate, 'Enter the date like 2026-10-13')

export const capacitySchema = z
  .string()
  .refine((value) => /^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= 500, 'Enter the number of places, from 1 to 500')
