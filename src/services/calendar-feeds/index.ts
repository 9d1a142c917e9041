import type { DataAccess } from '../../data/index.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { CalendarFeedService } from './calendar-feed-service.js'
import { FeedCalendars } from './feed-calendars.js'

/** Calendar subscription feeds (part of the services() composition root). */
export function calendarFeedService(data: DataAccess, unitOfWork: UnitOfWork): CalendarFeedService {
  const db = data.database.db
  const calendars = new FeedCalendars(db, data.calendarFeeds.sessions, data.booking.messageContext, data.config)
  return new CalendarFeedService(db, unitOfWork, data.calendarFeeds.feeds, data.calendarFeeds.sessions, calendars, data.config)
}
