import type { CatalogueRepository, Course, DaySessionRow, Hub, Programme, SessionWithHub } from '../data/catalogue-repository.js'
import { ageBandsIn, type AgeBand } from './catalogue/age-bands.js'
import { statusOfCourse, deliveryLabel, kindLabel, whenText, whoItIsFor, type CourseStatus } from './catalogue/describe.js'
import { daysOfWeek, parseFilters, type CatalogueFilters, type FilterValues } from './catalogue/filters.js'
import { toListings, type Listing } from './catalogue/listings.js'
import { topicLabel } from './catalogue/topics.js'
import { PageDataCache } from './catalogue/page-data-cache.js'
import { localeFormat } from '../i18n/format.js'
import { defaultLanguage, languageFacts, type Language } from '../i18n/languages.js'
import { translator } from '../i18n/translator.js'
import { londonDate, parseDates, type DateProblem } from './catalogue/date-filter.js'

export type { Listing } from './catalogue/listings.js'

interface Choice {
  value: string
  label: string
}

/** The choices the catalogue's filter form offers. */
export interface FilterOptions {
  topics: Choice[]
  hubs: Choice[]
  ages: readonly AgeBand[]
  days: Choice[]
  times: Choice[]
  deliveries: Choice[]
  languages: Choice[]
}

export interface SearchResult {
  listings: Listing[]
  total: number
  /** Not `page`: views use that name for the object they share with the layout. */
  pageNumber: number
  totalPages: number
  values: FilterValues
  ignored: string[]
  options: FilterOptions
  /** Dates that are not real dates (the page is a 400 with an error summary; the search ignores them). */
  errors: DateProblem[]
  /** "What's on by day": the matching sessions grouped by London date (only when that view is asked for). */
  days?: DayOfSessions[]
  /** The by-day view stopped at its limit: later sessions are not shown. */
  moreDays?: boolean
  /** "Did you mean": the search text with misspelt words replaced, when few courses matched. */
  suggestion?: string
}

/** One London day of "What's on by day". */
interface DayOfSessions {
  date: string
  sessions: { courseId: number; time: string; title: string; place: string }[]
}

/** "What's on by day" shows at most this many sessions (narrow the dates to see later ones). */
const DAY_VIEW_LIMIT = 100

/** With this many results or fewer, a search with a misspelt word is offered a "Did you mean". */
const FEW_RESULTS = 2

export interface CourseDetails {
  course: Course
  programme: Programme
  hub: Hub | null
  /** Every session, cancelled ones included, in time order. */
  sessions: SessionWithHub[]
  kindLabel: string
  when: string
  whoFor: string
  topics: string[]
  delivery: string
  online: boolean
  status: CourseStatus
}

export interface ProgrammeDetails {
  programme: Programme
  topics: string[]
  whoFor: string
  delivery: string
  listings: Listing[]
}

export interface HubDetails {
  hub: Hub
  listings: Listing[]
  total: number
}

function groupByLondonDay(rows: readonly DaySessionRow[], language: Language): DayOfSessions[] {
  const days: DayOfSessions[] = []
  const { formatDate, formatTimeRange } = localeFormat(language)
  for (const row of rows) {
    const date = formatDate(row.startsAt)
    const session = {
      courseId: row.courseId,
      time: formatTimeRange(row.startsAt, row.endsAt),
      title: row.title,
      place: row.hubName ?? translator(language)('catalogue:online'),
    }
    const last = days[days.length - 1]
    if (last?.date === date) last.sessions.push(session)
    else days.push({ date, sessions: [session] })
  }
  return days
}

/**
 * The public catalogue: what is on, where and for whom, and whether a parent can book it now.
 * Only courses that are not cancelled and have a session still to come are listed.
 */
export class CatalogueService {
  private readonly cache = new PageDataCache()

  constructor(
    private readonly repository: CatalogueRepository,
    readonly pageSize = 10,
  ) {}

  /**
   * The public pages' data, built once and reused until a course, session, programme or hub changes,
   * the next session starts (upcoming, started and finished are judged against `now`) or the year
   * turns (dates show their year only when it is not this one). See PageDataCache. Each language
   * has its own entries: the pages' words are in it.
   */
  private async cached<T>(key: string, now: Date, build: () => Promise<T>): Promise<T> {
    const stamp = `${await this.repository.versionStamp(now)}:${now.getUTCFullYear()}`
    return this.cache.get(key, stamp, build)
  }

  async filterOptions(language: Language = defaultLanguage): Promise<FilterOptions> {
    const t = translator(language)
    const [topics, hubs, languages] = await Promise.all([
      this.repository.topicsInUse(),
      this.repository.allHubs(),
      this.repository.languagesInUse(),
    ])
    return {
      topics: topics
        .map((value) => ({ value, label: topicLabel(value, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, languageFacts[language].intlLocale)),
      hubs: hubs.map((hub) => ({ value: String(hub.id), label: hub.name })),
      ages: ageBandsIn(language),
      days: daysOfWeek.map((day) => ({ value: day, label: t(`catalogue:days.${day}`) })),
      times: (['morning', 'afternoon', 'evening'] as const).map((value) => ({ value, label: t(`catalogue:partsOfDay.${value}`) })),
      deliveries: (['in_person', 'online'] as const).map((value) => ({ value, label: deliveryLabel(value, language) })),
      languages: languages.map((value) => ({ value, label: value })),
    }
  }

  /** The catalogue page: reads the filter form (ignoring what it does not recognise) and one page of results. */
  search(query: Record<string, unknown>, now = new Date(), language: Language = defaultLanguage): Promise<SearchResult> {
    // Keyed by the London date too: "this week" moves on at midnight even when nothing else changes.
    return this.cached(`search:${language}:${londonDate(now)}:${JSON.stringify(query)}`, now, () => this.searchNow(query, now, language))
  }

  private async searchNow(query: Record<string, unknown>, now: Date, language: Language): Promise<SearchResult> {
    const options = await this.filterOptions(language)
    const {
      filters,
      values,
      page: askedPage,
      ignored,
    } = parseFilters(query, {
      topics: options.topics.map((t) => t.value),
      hubIds: options.hubs.map((h) => Number(h.value)),
      languages: options.languages.map((l) => l.value),
    })
    const dates = parseDates(query, now, language)
    Object.assign(values, dates.values)
    if (dates.range) filters.dateRange = dates.range
    if (dates.ignored) ignored.push('when')
    const total = await this.repository.countListings(filters, now)
    const totalPages = Math.max(1, Math.ceil(total / this.pageSize))
    // A page past the end (an old link, a hand-edited URL) shows the last page rather than nothing.
    const page = Math.min(askedPage, totalPages)
    if (values.view === 'by-day') {
      const rows = await this.repository.findSessionsByDay(filters, now, DAY_VIEW_LIMIT)
      const days = groupByLondonDay(rows, language)
      const moreDays = rows.length === DAY_VIEW_LIMIT
      return { listings: [], total, pageNumber: 1, totalPages: 1, values, ignored, options, errors: dates.errors, days, moreDays }
    }
    const listings = await this.listings(filters, now, this.pageSize, (page - 1) * this.pageSize, language)
    const suggestion = total <= FEW_RESULTS ? await this.suggestion(filters.words ?? []) : undefined
    return {
      listings,
      total,
      pageNumber: page,
      totalPages,
      values,
      ignored,
      options,
      errors: dates.errors,
      ...(suggestion ? { suggestion } : {}),
    }
  }

  /** The search words with each one the catalogue doesn't use replaced by its nearest catalogue word. */
  private async suggestion(words: readonly string[]): Promise<string | undefined> {
    if (words.length === 0) return undefined
    const nearest = await Promise.all(words.map((word) => this.repository.nearestWord(word)))
    if (nearest.every((word) => word === undefined)) return undefined
    return words.map((word, i) => nearest[i] ?? word).join(' ')
  }

  course(courseId: number, now = new Date(), language: Language = defaultLanguage): Promise<CourseDetails | undefined> {
    return this.cached(`course:${language}:${courseId}`, now, () => this.courseNow(courseId, now, language))
  }

  private async courseNow(courseId: number, now: Date, language: Language): Promise<CourseDetails | undefined> {
    const found = await this.repository.findCourse(courseId)
    if (!found) return undefined
    const { course, programme, hub } = found
    const sessions = await this.repository.sessionsOf(course.id)
    const on = sessions.filter((s) => s.cancelledAt === null)
    return {
      course,
      programme,
      hub,
      sessions,
      kindLabel: kindLabel(course.kind, language),
      when: whenText(course.kind, on, now, language),
      whoFor: whoItIsFor(programme, language),
      topics: programme.topics.map((slug) => topicLabel(slug, language)),
      delivery: deliveryLabel(programme.delivery, language),
      online: course.hubId === null,
      status: statusOfCourse(course, programme, !on.some((s) => s.startsAt.getTime() > now.getTime()), language),
    }
  }

  programme(slug: string, now = new Date(), language: Language = defaultLanguage): Promise<ProgrammeDetails | undefined> {
    return this.cached(`programme:${language}:${slug}`, now, () => this.programmeNow(slug, now, language))
  }

  private async programmeNow(slug: string, now: Date, language: Language): Promise<ProgrammeDetails | undefined> {
    const programme = await this.repository.findProgrammeBySlug(slug)
    if (!programme) return undefined
    return {
      programme,
      topics: programme.topics.map((slug) => topicLabel(slug, language)),
      whoFor: whoItIsFor(programme, language),
      delivery: deliveryLabel(programme.delivery, language),
      listings: await this.listings({ programmeId: programme.id }, now, 100, 0, language),
    }
  }

  hubs(now = new Date()): Promise<Hub[]> {
    return this.cached('hubs', now, () => this.repository.allHubs())
  }

  /** A hub and the first `limit` things on there (the catalogue filtered by the hub shows the rest). */
  hub(slug: string, now = new Date(), limit = 20, language: Language = defaultLanguage): Promise<HubDetails | undefined> {
    return this.cached(`hub:${language}:${slug}:${limit}`, now, () => this.hubNow(slug, now, limit, language))
  }

  private async hubNow(slug: string, now: Date, limit: number, language: Language): Promise<HubDetails | undefined> {
    const hub = await this.repository.findHubBySlug(slug)
    if (!hub) return undefined
    const filters = { hubId: hub.id }
    const [listings, total] = await Promise.all([
      this.listings(filters, now, limit, 0, language),
      this.repository.countListings(filters, now),
    ])
    return { hub, listings, total }
  }

  private async listings(filters: CatalogueFilters, now: Date, limit: number, offset: number, language: Language): Promise<Listing[]> {
    const rows = await this.repository.findListings(filters, now, { limit, offset })
    const sessionsOn = await this.repository.sessionsOnFor(rows.map((row) => row.course.id))
    return toListings(rows, sessionsOn, now, language)
  }
}
