import type { AgeBand } from '../../domain/catalogue-filters.js'
import { defaultLanguage, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'

export type { AgeBand }

const years = (from: number, to: number): AgeBand => ({
  value: `${from}-${to}`,
  label: translator(defaultLanguage)('catalogue:ageBands.years', { from, count: to }),
  months: { from: from * 12, to: to * 12 },
})

const ageBands: readonly AgeBand[] = [
  { value: 'pregnant', label: translator(defaultLanguage)('catalogue:ageBands.pregnant') },
  years(0, 1),
  years(1, 2),
  years(2, 3),
  years(3, 4),
  years(4, 5),
  years(5, 11),
  years(11, 18),
]

/** The bands with their labels in a language ("0 to 1 year", "Expecting a baby"). */
export const ageBandsIn = (language: Language): readonly AgeBand[] =>
  language === defaultLanguage
    ? ageBands
    : ageBands.map((band) => ({
        ...band,
        label: band.months
          ? translator(language)('catalogue:ageBands.years', { from: band.months.from / 12, count: band.months.to / 12 })
          : translator(language)('catalogue:ageBands.pregnant'),
      }))

export const findAgeBand = (value: string): AgeBand | undefined => ageBands.find((band) => band.value === value)
