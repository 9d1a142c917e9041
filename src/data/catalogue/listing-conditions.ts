import { sql, type SQL } from 'drizzle-orm'
import { courses, programmes } from '../../db/schema/index.js'
import type { CatalogueFilters } from '../../domain/catalogue-filters.js'

/** How alike a word and the nearest word of a programme must be to count as a typo (pg_trgm word_similarity). */
const TYPO_SIMILARITY = 0.55
/** Shorter words are too easily near something else ("tea" and "team") to be treated as typos. */
const TYPO_MIN_LENGTH = 5

/** A programme's weighted search document: the expression migration 0008 indexes (GIN). */
const programmeDocument = sql`programme_search_vector(${programmes.title}, ${programmes.summary}, ${programmes.topics},
  ${programmes.description}, ${programmes.language}, ${programmes.audience})`
/** The course's hub name, the least weight: "Foleshill" finds what is on at Foleshill Family Hub. */
const hubDocument = sql`setweight(to_tsvector('english', coalesce((select h.name from hubs h where h.id = ${courses.hubId}), '')), 'D')`
const searchDocument = sql`(${programmeDocument} || ${hubDocument})`
const searchText = sql`programme_search_text(${programmes.title}, ${programmes.summary}, ${programmes.topics}, ${programmes.language})`

/** The word itself (stemmed: "babies" is "baby") OR any phrase it is a synonym of. */
function wordQuery(word: string, synonyms: readonly string[]): SQL {
  const phrases = synonyms.map((phrase) => sql` || phraseto_tsquery('english', ${phrase})`)
  return sql`(plainto_tsquery('english', ${word})${sql.join(phrases, sql``)})`
}

/**
 * One search word: found by full-text search, or (a typo) close enough to a word of the programme.
 * A word that is no word to search for (a stop word such as "the", punctuation) matches everything.
 */
function wordMatches(word: string, synonyms: readonly string[]): SQL {
  const query = wordQuery(word, synonyms)
  const typo = word.length >= TYPO_MIN_LENGTH ? sql` or word_similarity(${word}, ${searchText}) >= ${TYPO_SIMILARITY}` : sql``
  // Matched separately (not as one document) so that the programme part can use its index.
  return sql`(numnode(${query}) = 0 or ${programmeDocument} @@ ${query} or ${hubDocument} @@ ${query}${typo})`
}

/**
 * How well a programme matches the search words (higher first). Per word, a full-text match (1 plus
 * its rank by weight: a title match beats a description match) always beats a near spelling (its
 * trigram word similarity, below 1), so "baby" and "babies", the same stem, rank alike.
 * Undefined with no words.
 */
export function searchRank(filters: CatalogueFilters): SQL | undefined {
  const words = filters.words ?? []
  if (words.length === 0) return undefined
  const parts = words.map((word) => {
    const query = wordQuery(word, filters.synonyms?.[word] ?? [])
    return sql`(case when ${searchDocument} @@ ${query} then 1 + ts_rank(${searchDocument}, ${query})
      else word_similarity(${word}, ${searchText}) end)`
  })
  return sql`(${sql.join(parts, sql` + `)})`
}

/** An unbounded upper age, in months, for comparisons (older than anyone a programme is for). */
const NO_UPPER_AGE = 100 * 12

/**
 * A course is listed while it is not cancelled and has a session still to come. All SQL is
 * parameterised: user input only ever arrives as bound values.
 */
function upcomingCourse(now: Date): SQL {
  return sql`${courses.cancelledAt} is null and exists (
    select 1 from sessions s where s.course_id = ${courses.id} and s.cancelled_at is null and s.starts_at > ${now})`
}

/** The WHERE conditions for the catalogue's filters (AND of each one given). */
export function filterConditions(filters: CatalogueFilters, now: Date): SQL[] {
  const conditions: SQL[] = [upcomingCourse(now)]
  if (filters.programmeId !== undefined) conditions.push(sql`${programmes.id} = ${filters.programmeId}`)
  if (filters.topic !== undefined) conditions.push(sql`${filters.topic} = any(${programmes.topics})`)
  if (filters.hubId !== undefined) conditions.push(sql`${courses.hubId} = ${filters.hubId}`)
  if (filters.language !== undefined) conditions.push(sql`lower(${programmes.language}) = lower(${filters.language})`)
  if (filters.delivery === 'online') conditions.push(sql`(${courses.hubId} is null or ${programmes.delivery} = 'online')`)
  if (filters.delivery === 'in_person') conditions.push(sql`(${courses.hubId} is not null and ${programmes.delivery} <> 'online')`)
  if (filters.age) conditions.push(ageCondition(filters.age.months))
  for (const word of filters.words ?? []) conditions.push(wordMatches(word, filters.synonyms?.[word] ?? []))
  const sessionConditions = sessionTimeConditions(filters)
  if (sessionConditions) {
    // Date, day and time are about the same session: "Monday mornings next week" means one session that is all three.
    conditions.push(sql`exists (select 1 from sessions s where s.course_id = ${courses.id}
      and s.cancelled_at is null and s.starts_at > ${now} and ${sessionConditions})`)
  }
  return conditions
}

/** The date range, day and time of day a session must start in; `startsAt` is its start column. */
export function sessionTimeConditions(filters: CatalogueFilters, startsAt: SQL = sql`s.starts_at`): SQL | undefined {
  const parts: SQL[] = []
  const london = sql`(${startsAt} at time zone 'Europe/London')`
  if (filters.dateRange?.from) parts.push(sql`${startsAt} >= ${filters.dateRange.from}`)
  if (filters.dateRange?.to) parts.push(sql`${startsAt} < ${filters.dateRange.to}`)
  if (filters.isoDay !== undefined) parts.push(sql`extract(isodow from ${london}) = ${filters.isoDay}`)
  // The same boundaries as time.ts partOfDay: morning before 12, afternoon before 5pm, then evening.
  if (filters.partOfDay === 'morning') parts.push(sql`extract(hour from ${london}) < 12`)
  if (filters.partOfDay === 'afternoon') parts.push(sql`extract(hour from ${london}) >= 12 and extract(hour from ${london}) < 17`)
  if (filters.partOfDay === 'evening') parts.push(sql`extract(hour from ${london}) >= 17`)
  return parts.length > 0 ? sql.join(parts, sql` and `) : undefined
}

/**
 * "Pregnant" matches programmes for expectant parents. An age band matches a programme for parents
 * whose age range overlaps it, or a pregnancy programme that also covers babies up to an age.
 * Programmes for practitioners never match a child's age.
 */
function ageCondition(months: { from: number; to: number } | undefined): SQL {
  if (!months) return sql`${programmes.audience} = 'pregnant'`
  const from = sql`coalesce(${programmes.childAgeFromMonths}, 0)`
  const to = sql`greatest(coalesce(${programmes.childAgeToMonths}, ${NO_UPPER_AGE}), ${from} + 1)`
  return sql`(${programmes.audience} = 'parents' or (${programmes.audience} = 'pregnant' and ${programmes.childAgeToMonths} is not null))
    and ${from} < ${months.to} and ${to} > ${months.from}`
}

