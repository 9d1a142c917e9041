import { readdirSync, readFileSync } from 'node:fs'
import { createInstance, type TFunction } from 'i18next'
import { fromRoot } from '../project-root.js'
import { defaultLanguage, languages, type Language } from './languages.js'

/**
 * One message file per language and namespace: locales/<language>/<namespace>.json. Each file's
 * "_review" entry records whether a qualified translator has checked it (the README says why that
 * matters before a council goes live); it is not a message.
 */
export const localesDir = fromRoot('locales')

export type Translate = TFunction

function loadResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {}
  for (const language of languages) {
    resources[language] = {}
    for (const file of readdirSync(`${localesDir}/${language}`).filter((name) => name.endsWith('.json'))) {
      const { _review: _ignored, ...messages } = JSON.parse(readFileSync(`${localesDir}/${language}/${file}`, 'utf8')) as Record<
        string,
        unknown
      >
      resources[language][file.replace(/\.json$/, '')] = messages
    }
  }
  return resources
}

const resources = loadResources()
const namespaces = Object.keys(resources[defaultLanguage] ?? {})

const i18n = createInstance()
// Synchronous: the files are already read, so t() works as soon as this module is imported.
void i18n.init({
  resources,
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  ns: namespaces,
  defaultNS: 'common',
  // EJS escapes what <%= %> prints, and emails and texts are not HTML: escaping here would double it.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
})

const fixed = new Map<Language, Translate>()

/** t() for one language, e.g. translator('pl')('catalogue:title'). Missing keys fall back to English. */
export function translator(language: Language): Translate {
  let t = fixed.get(language)
  if (!t) {
    t = i18n.getFixedT(language)
    fixed.set(language, t)
  }
  return t
}

/** The namespaces (message files) English has; every language must have the same. */
export const messageNamespaces = (): readonly string[] => namespaces
