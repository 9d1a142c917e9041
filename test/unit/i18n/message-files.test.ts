import { readdirSync, readFileSync } from 'node:fs'
import { expect } from 'chai'
import { languages } from '../../../src/i18n/languages.js'
import { localesDir, messageNamespaces, translator } from '../../../src/i18n/translator.js'

type Messages = Record<string, unknown>

const read = (language: string, namespace: string): Messages =>
  JSON.parse(readFileSync(`${localesDir}/${language}/${namespace}.json`, 'utf8')) as Messages

/** Every leaf message, by its dotted key ("header.menu"), without the review record. */
function leaves(messages: Messages, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    if (!prefix && key === '_review') continue
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else if (value && typeof value === 'object') for (const [k, v] of leaves(value as Messages, path)) found.set(k, v)
    else found.set(path, String(value))
  }
  return found
}

/** A plural key's base ("places_one" → "places"): languages have different plural forms (CLDR). */
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '')
const placeholders = (message: string) => [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort()

describe('message files', () => {
  it('has the same files (namespaces) in every language', () => {
    const english = readdirSync(`${localesDir}/en`).sort()
    expect(english.length).to.be.greaterThan(0)
    for (const language of languages) expect(readdirSync(`${localesDir}/${language}`).sort(), language).to.deep.equal(english)
  })

  for (const namespace of messageNamespaces()) {
    describe(`${namespace}.json`, () => {
      const english = leaves(read('en', namespace))

      for (const language of languages) {
        const messages = leaves(read(language, namespace))

        it(`${language}: records its review status`, () => {
          const review = read(language, namespace)._review as { status?: string } | undefined
          expect(review?.status, `${language}/${namespace}.json _review.status`).to.be.a('string').and.not.equal('')
        })

        it(`${language}: has every key English has (plural forms by the language's own rules), and no others`, () => {
          const bases = (keys: Iterable<string>) => [...new Set([...keys].map(pluralBase))].sort()
          expect(bases(messages.keys())).to.deep.equal(bases(english.keys()))
          // Every plural form the language needs (Intl's CLDR rules) is written.
          const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories
          for (const key of english.keys()) {
            if (pluralBase(key) === key) continue
            for (const form of forms)
              expect(messages.has(`${pluralBase(key)}_${form}`), `${language} ${pluralBase(key)}_${form}`).to.equal(true)
          }
        })

        it(`${language}: leaves no message empty, and uses the same placeholders as English`, () => {
          for (const [key, message] of messages) {
            expect(message.trim(), `${language} ${key}`).to.not.equal('')
            const plural = pluralBase(key) !== key
            const source = english.get(key) ?? english.get(`${pluralBase(key)}_other`) ?? ''
            // A plural form may leave out the number itself ("one place left", "ostatnie miejsce").
            const named = (text: string) => placeholders(text).filter((name) => !(plural && name === 'count'))
            expect(named(message), `${language} ${namespace}:${key}`).to.deep.equal(named(source))
          }
        })
      }
    })
  }

  it('falls back to English for a key a language lacks, rather than showing the key', () => {
    expect(translator('pl')('common:no.such.key', { defaultValue: 'fallback' })).to.equal('fallback')
    expect(translator('ar')('common:header.menu')).to.not.equal('common:header.menu')
  })
})
