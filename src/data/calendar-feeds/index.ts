import { CalendarFeedRepository } from './feed-repository.js'
import { FeedSessionRepository } from './feed-sessions.js'

/** The calendar feeds' data access (part of the dataAccess() composition root). */
export function calendarFeedData() {
  return {
    feeds: new CalendarFeedRepository(),
    sessions: new FeedSessionRepository(),
  }
}
