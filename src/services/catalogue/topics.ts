import { defaultLanguage, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'

/**
 * The topics a programme can cover, in the words of the city's parenting strategy (what parents
 * asked for help with). Programmes store the slugs; pages show the labels, which are the service's
 * own words and so live in the message files (locales/<language>/catalogue.json, "topics").
 */
const topicSlugs = [
  'child-behaviour',
  'toilet-training',
  'perinatal-mental-health',
  'emotional-wellbeing',
  'talking-with-teenagers',
  'early-language-and-play',
  'healthy-relationships',
] as const

/** The English labels, by slug (staff pages and the Open Referral UK taxonomy are in English). */
export const topicLabels: Readonly<Record<string, string>> = Object.fromEntries(
  topicSlugs.map((slug) => [slug, translator(defaultLanguage)(`catalogue:topics.${slug}`)]),
)

/** The label for a topic slug; a slug not in the list still reads sensibly ("sleep-routines" => "Sleep routines"). */
export function topicLabel(slug: string, language: Language = defaultLanguage): string {
  if ((topicSlugs as readonly string[]).includes(slug)) return translator(language)(`catalogue:topics.${slug}`)
  const words = slug.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
