import { HttpError } from '../../middleware/error-handler.js'
import type { FeedAction } from '../../services/calendar-feeds/calendar-feed-service.js'
import { field, type FormBody } from '../forms/fields.js'

const ACTIONS: readonly FeedAction[] = ['create', 'replace', 'revoke']

/** The button pressed on a calendar feed form; anything else is a 400, never a guess. */
export function feedAction(body: FormBody): FeedAction {
  const action = field(body, 'action', 20)
  const known = ACTIONS.find((candidate) => candidate === action)
  if (!known) throw new HttpError(400, 'Choose whether to create, replace or turn off the calendar link.')
  return known
}

/** What the next page says was done. */
export const feedNotice: Record<FeedAction, string> = {
  create: 'Your calendar link is ready',
  replace: 'Your calendar link has been replaced. The old link no longer works',
  revoke: 'Your calendar link has been turned off',
}
