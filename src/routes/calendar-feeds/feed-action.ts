import { HttpError } from '../../middleware/error-handler.js'
import type { FeedAction } from '../../services/calendar-feeds/calendar-feed-service.js'
import { translator, type Translate } from '../../i18n/translator.js'
import { field, type FormBody } from '../forms/fields.js'

const ACTIONS: readonly FeedAction[] = ['create', 'replace', 'revoke']

/** Staff pages are in English; a family's manage page passes its own t(). */
const english = translator('en')

/** The button pressed on a calendar feed form; anything else is a 400, never a guess. */
export function feedAction(body: FormBody, t: Translate = english): FeedAction {
  const action = field(body, 'action', 20)
  const known = ACTIONS.find((candidate) => candidate === action)
  if (!known) throw new HttpError(400, t('manage:calendarFeed.unknownAction'))
  return known
}

const noticeKeys: Record<FeedAction, string> = {
  create: 'manage:calendarFeed.created',
  replace: 'manage:calendarFeed.replaced',
  revoke: 'manage:calendarFeed.revoked',
}

/** What the next page says was done, in the page's language. */
export const feedNoticeIn = (t: Translate, action: FeedAction): string => t(noticeKeys[action])

/** What the next staff page says was done. */
export const feedNotice: Record<FeedAction, string> = {
  create: feedNoticeIn(english, 'create'),
  replace: feedNoticeIn(english, 'replace'),
  revoke: feedNoticeIn(english, 'revoke'),
}
