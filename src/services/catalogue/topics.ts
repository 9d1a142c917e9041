/**
 * The topics a programme can cover, in the words of the city's parenting strategy (what parents
 * asked for help with). Programmes store the slugs; pages show the labels.
 */
export const topicLabels: Readonly<Record<string, string>> = {
  'child-behaviour': 'Child behaviour',
  'toilet-training': 'Toilet training',
  'perinatal-mental-health': 'Perinatal and parental mental health',
  'emotional-wellbeing': "Children's emotional wellbeing",
  'talking-with-teenagers': 'Talking with teenagers',
  'early-language-and-play': 'Early language and play',
  'healthy-relationships': 'Healthy relationships in the family',
}

/** The label for a topic slug; a slug not in the list still reads sensibly ("sleep-routines" => "Sleep routines"). */
export function topicLabel(slug: string): string {
  const known = topicLabels[slug]
  if (known) return known
  const words = slug.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
