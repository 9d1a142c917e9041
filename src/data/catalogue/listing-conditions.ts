import { sql, type SQL } from 'drizzle-orm'
import { courses, programmes } from '../../db/schema/index.js'
import type { CatalogueFilters } from '../../domain/catalogue-filters.js'

/** An unbounded upper age, in months, for comparisons (older than anyone a programme is for). */
const NO_UPPER_AGE = 100 * 12

/** `%word%` for ILIKE with the user's own % _ and \ matched literally. */
const containsPattern = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

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
  for (const word of filters.words ?? []) {
    const pattern = containsPattern(word)
    conditions.push(sql`(${programmes.title} ilike ${pattern} escape '\\'
      or ${programmes.summary} ilike ${pattern} escape '\\'
      or ${programmes.description} ilike ${pattern} escape '\\'
      or array_to_string(${programmes.topics}, ' ') ilike ${pattern} escape '\\')`)
  }
  const sessionConditions = sessionTimeConditions(filters)
  if (sessionConditions) {
    // Day and time are about the same session: "Monday mornings" means a session that is both.
    conditions.push(sql`exists (select 1 from sessions s where s.course_id = ${courses.id}
      and s.cancelled_at is null and s.starts_at > ${now} and ${sessionConditions})`)
  }
  return conditions
}

function sessionTimeConditions(filters: CatalogueFilters): SQL | undefined {
  const parts: SQL[] = []
  const london = sql`(s.starts_at at time zone 'Europe/London')`
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

