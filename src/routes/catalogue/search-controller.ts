import type { RequestHandler } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { hasFilters, searchQueryString } from '../../services/catalogue/filters.js'
import { paginationView } from './pagination.js'
import { languageFacts } from '../../i18n/languages.js'

/** The fields the page has words for (locales/<language>/catalogue.json, "ignoredFields"). */
const namedFields = new Set(['topic', 'hub', 'age', 'day', 'time', 'delivery', 'language', 'when', 'view'])

/** The home page: the catalogue of courses and drop-ins, filtered by a GET form. */
export const searchController =
  (services: Services): RequestHandler =>
  async (req, res) => {
    const result = await services.catalogue.search(req.query as Record<string, unknown>, new Date(), req.language)
    const ignoredNames = result.ignored.map((field) => (namedFields.has(field) ? req.t(`catalogue:ignoredFields.${field}`) : field))
    // A date that is not a real date is the parent's to correct: the page says so, as a 400.
    if (result.errors.length > 0) res.status(400)
    res.render('pages/catalogue/index', {
      ...result,
      filtered: hasFilters(result.values),
      ignoredNames,
      // "topic, day and dates", in the language's own way of listing.
      ignoredList: new Intl.ListFormat(languageFacts[req.language].intlLocale, { type: 'conjunction' }).format(ignoredNames),
      suggestionHref: result.suggestion ? `${paths.home}${searchQueryString({ ...result.values, q: result.suggestion })}` : undefined,
      days: result.days,
      moreDays: result.moreDays ?? false,
      listHref: `${paths.home}${searchQueryString({ ...result.values, view: '' })}`,
      byDayHref: `${paths.home}${searchQueryString({ ...result.values, view: 'by-day' })}`,
      pagination: paginationView(result.pageNumber, result.totalPages, (page) => `${paths.home}${searchQueryString(result.values, page)}`),
    })
  }
