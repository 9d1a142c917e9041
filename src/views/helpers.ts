import { formatDate, formatSessionTime, formatShortDate, formatTime, formatTimeRange } from '../time.js'
import { defaultLanguage, languageFacts, type Language } from '../i18n/languages.js'
import { translator, type Translate } from '../i18n/translator.js'

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!)

/** A value for tHtml: text or a number, escaped; a link, whose words are usually another message; or bold words. */
type HtmlPart = string | number | { href: string; text: string } | { strong: string }

const partHtml = (part: Exclude<HtmlPart, string | number>): string =>
  'strong' in part
    ? `<strong>${escapeHtml(part.strong)}</strong>`
    : `<a class="govuk-link" href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>`

/**
 * The helpers whose words depend on the language. English ones are in viewHelpers (emails, and
 * pages before the language is known); src/middleware/language.ts sets the visitor's for each page.
 */
export function languageHelpers(t: Translate, language: Language) {
  const pluralRules = new Intl.PluralRules(languageFacts[language].intlLocale)
  return {
    /** "1 place left", "3 places left" (an i18next plural). */
    placesLeftText: (n: number): string => t('catalogue:placesLeft', { count: n }),
    /**
     * plural(3, 'catalogue:search.comingUp') is that message's plural form for 3. The older
     * plural(3, 'session', 'sessions') picks between two words by the language's plural rules
     * (staff pages, whose words are English).
     */
    plural: (n: number, keyOrOne: string, many?: string): string =>
      many === undefined ? t(keyOrOne, { count: n }) : `${n} ${pluralRules.select(n) === 'one' ? keyOrOne : many}`,
    /**
     * A message as HTML, for sentences with a link in them: the message and its text values are
     * escaped; a value given as { href, text } becomes a GOV.UK link where its {{placeholder}} is,
     * and { strong } bold words.
     * Print it with <%- %>.
     */
    tHtml: (key: string, parts: Record<string, HtmlPart> = {}): string => {
      const markup = new Map<string, string>()
      const values: Record<string, string | number> = {}
      for (const [name, part] of Object.entries(parts)) {
        if (typeof part !== 'object') values[name] = part
        else {
          // A marker no message or escaping produces, swapped for the markup after escaping.
          const marker = `\u0001${name}\u0002`
          values[name] = marker
          markup.set(marker, partHtml(part))
        }
      }
      let html = escapeHtml(t(key, values))
      for (const [marker, element] of markup) html = html.split(marker).join(element)
      return html
    },
  }
}

/** Functions every view can call. */
export const viewHelpers = {
  formatDate,
  formatShortDate,
  formatTime,
  formatTimeRange,
  formatSessionTime,
  ...languageHelpers(translator(defaultLanguage), defaultLanguage),
}
