import type { Request, RequestHandler, Response } from 'express'
import { defaultLanguage, isLanguage, languageFacts, languages, type Language } from '../i18n/languages.js'
import { localeFormat } from '../i18n/format.js'
import { translator, type Translate } from '../i18n/translator.js'
import { languageHelpers } from '../views/helpers.js'

declare module 'express-session' {
  interface SessionData {
    /** The language chosen with the language link, kept for the visit. */
    language?: Language
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The visitor's language: ?lang= on this request, else the one chosen earlier in the visit. */
    language: Language
    t: Translate
  }
}

interface LanguageLink {
  language: Language
  ownName: string
  englishName: string
  href: string
  current: boolean
}

/** The current address with ?lang= set, keeping the rest of the query. */
function hrefWith(originalUrl: string, language: Language): string {
  const url = new URL(originalUrl, 'http://x')
  url.searchParams.set('lang', language)
  return `${url.pathname}${url.search}`
}

/**
 * Picks the page's language and gives views t(), the locale's date formatting, lang, dir and the
 * language links. Staff pages stay in English: their users work in English, and their words are
 * not translated. Goes after the session (the choice is kept there for the visit).
 */
export function chooseLanguage(options: { englishOnly: (path: string) => boolean }): RequestHandler {
  return (req, res, next) => {
    const asked = req.query.lang
    const englishOnly = options.englishOnly(req.path)
    // A ?lang= on a staff page (which offers no choice) does not change the visitor's public pages.
    if (!englishOnly && isLanguage(asked) && req.session && req.session.language !== asked) req.session.language = asked
    const chosen = isLanguage(asked) ? asked : (req.session?.language ?? defaultLanguage)
    renderIn(req, res, englishOnly ? defaultLanguage : chosen, { languageLinks: !englishOnly })
    next()
  }
}

/** True when this visitor has picked a language: ?lang= now, or the language link earlier in the visit. */
export const languageChosen = (req: Request): boolean => isLanguage(req.query.lang) || Boolean(req.session?.language)

/**
 * Renders this request in `language`: req.t and req.language, and the views' t(), formatting, lang,
 * dir and language links. chooseLanguage uses it for every request; a page may call it again, e.g.
 * a manage link opened from an email renders in the language the family booked in.
 */
export function renderIn(
  req: Request,
  res: Response,
  language: Language,
  options: { languageLinks: boolean } = { languageLinks: true },
): void {
  req.language = language
  req.t = translator(language)
  const links: LanguageLink[] = languages.map((each) => ({
    language: each,
    ownName: languageFacts[each].ownName,
    englishName: languageFacts[each].englishName,
    href: hrefWith(req.originalUrl, each),
    current: each === language,
  }))
  // The configured SERVICE_NAME, kept the first time so a second call can switch back to English.
  const configuredName = (res.locals.configuredServiceName ??= res.locals.serviceName) as string
  Object.assign(res.locals, localeFormat(language), languageHelpers(req.t, language), {
    t: req.t,
    lang: language,
    dir: languageFacts[language].dir,
    languageLinks: options.languageLinks ? links : [],
    // English keeps the configured SERVICE_NAME; other languages have their own words for it.
    serviceName: language === defaultLanguage ? configuredName : req.t('common:serviceName'),
  })
}
