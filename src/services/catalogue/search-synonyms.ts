/**
 * Words parents use for what the catalogue calls something else. A search for a key also finds the
 * phrases it maps to (OR), as well as the word itself. The catalogue's own words come from the topics
 * of the parenting strategy (mental health for mother and baby, children's mental health, behaviour,
 * toilet training, healthy relationships, talking with teenagers, early language and play).
 *
 * Keys are lower case and singular; a plural ("tantrums", "worries") finds its singular's entry.
 * Values are phrases matched as phrases ("mental health" needs both words, next to each other).
 */
const synonyms: Readonly<Record<string, readonly string[]>> = {
  anxiety: ['mental health', 'wellbeing', 'feelings'],
  anxious: ['mental health', 'wellbeing', 'feelings'],
  worry: ['mental health', 'wellbeing', 'feelings'],
  stress: ['mental health', 'wellbeing'],
  stressed: ['mental health', 'wellbeing'],
  depression: ['mental health', 'perinatal'],
  depressed: ['mental health', 'perinatal'],
  lonely: ['mental health', 'wellbeing', 'group'],
  emotion: ['feelings', 'wellbeing'],
  emotional: ['feelings', 'wellbeing'],
  potty: ['toilet training'],
  toilet: ['toilet training'],
  wee: ['toilet training'],
  poo: ['toilet training'],
  tantrum: ['behaviour'],
  meltdown: ['behaviour'],
  naughty: ['behaviour'],
  hitting: ['behaviour'],
  biting: ['behaviour'],
  discipline: ['behaviour', 'boundaries'],
  boundary: ['behaviour'],
  behavior: ['behaviour'],
  newborn: ['baby'],
  infant: ['baby'],
  toddler: ['play', 'early language'],
  talking: ['language', 'talk'],
  speech: ['language', 'talk'],
  speaking: ['language', 'talk'],
  pregnant: ['bump', 'pregnancy', 'antenatal'],
  pregnancy: ['bump', 'pregnant', 'antenatal'],
  expecting: ['bump', 'pregnancy', 'pregnant'],
  sleep: ['routine', 'baby'],
  teen: ['teenager'],
  teenager: ['teen'],
  adolescent: ['teenager', 'teen'],
  dad: ['father', 'dads'],
  father: ['dad', 'dads'],
  mum: ['mother', 'parent'],
  mom: ['mum', 'mother'],
  mother: ['mum', 'parent'],
  couple: ['relationships'],
  partner: ['relationships'],
  arguing: ['relationships'],
  separation: ['relationships'],
  english: ['esol'],
}

/** The dictionary key for a word: lower case, and a simple plural made singular. */
function keyOf(word: string): string | undefined {
  const lower = word.toLowerCase()
  const candidates = [lower, lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : '', lower.slice(0, -2), lower.slice(0, -1)]
  // Own keys only: a search for "constructor" must not find Object.prototype's.
  return candidates.find((key) => key !== '' && Object.hasOwn(synonyms, key))
}

/** The phrases a search word also finds, the word itself not included (empty when it has none). */
export function synonymsOf(word: string): readonly string[] {
  const key = keyOf(word)
  return key === undefined ? [] : synonyms[key]!
}
