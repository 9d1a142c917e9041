import { DateTime } from 'luxon'
import { languageFacts, type Language } from '../../i18n/languages.js'
import type { Translate } from '../../i18n/translator.js'
import type { ChildAnswer } from './journey-state.js'

/** A calendar date as the language writes it: "27 March 2022", "27 marca 2022" (month in its date form). */
const longDate = (iso: string, language: Language) =>
  DateTime.fromISO(iso).setLocale(languageFacts[language].intlLocale).toFormat('d MMMM yyyy')

/** "Age 3 years", "Born 27 March 2022", "Due 14 September 2026", in the visitor's language. */
function describeChild(
  child: Pick<ChildAnswer, 'kind' | 'ageYears' | 'dateOfBirth' | 'dueDate'>,
  t: Translate,
  language: Language,
): string {
  if (child.kind === 'age') return t('booking:child.age', { count: child.ageYears ?? 0 })
  if (child.kind === 'dateOfBirth') return t('booking:child.born', { date: longDate(child.dateOfBirth!, language) })
  return t('booking:child.due', { date: longDate(child.dueDate!, language) })
}

/** describeChild for the views of one request. */
export const childDescriber =
  (req: { t: Translate; language: Language }) =>
  (child: Pick<ChildAnswer, 'kind' | 'ageYears' | 'dateOfBirth' | 'dueDate'>): string =>
    describeChild(child, req.t, req.language)
