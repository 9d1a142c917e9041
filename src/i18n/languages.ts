/**
 * The languages the public pages, emails, texts and calendar invites are written in. English is the
 * source every other message file is translated from, and the fallback for a key a file lacks.
 */
export const languages = ['en', 'pl', 'pa', 'ar'] as const

export type Language = (typeof languages)[number]

export const defaultLanguage: Language = 'en'

interface LanguageFacts {
  /** The language's name in itself, as the language link shows it (GOV.UK pattern). */
  ownName: string
  /** Its English name, for staff pages and the link's hidden "Change the language to …" text. */
  englishName: string
  dir: 'ltr' | 'rtl'
  /** The BCP 47 tag Intl and luxon format dates, numbers and plurals with. */
  intlLocale: string
}

export const languageFacts: Record<Language, LanguageFacts> = {
  en: { ownName: 'English', englishName: 'English', dir: 'ltr', intlLocale: 'en-GB' },
  pl: { ownName: 'Polski', englishName: 'Polish', dir: 'ltr', intlLocale: 'pl-PL' },
  // Punjabi as the city's families write it here: Gurmukhi script.
  pa: { ownName: 'ਪੰਜਾਬੀ', englishName: 'Punjabi', dir: 'ltr', intlLocale: 'pa-Guru-IN' },
  ar: { ownName: 'العربية', englishName: 'Arabic', dir: 'rtl', intlLocale: 'ar' },
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value)
