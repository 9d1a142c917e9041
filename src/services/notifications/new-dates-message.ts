import { paths } from '../../paths.js'
import { fitSms } from './sms-text.js'
import type { MessageKind } from './message-kind.js'
import type { MessageView } from './message-view.js'
import { dateIn, stringIn } from './message-view.js'

/** What a "new dates" message says, from its payload (written when the run had places: see data/new-dates). */
function newDatesFacts(view: MessageView) {
  const courseId = Number(view.payload.courseId)
  const firstStartsAt = dateIn(view.payload, 'firstStartsAt')
  return {
    title: stringIn(view.payload, 'title') ?? '',
    place: stringIn(view.payload, 'hubName') ?? view.t('queue:otherRuns.online'),
    firstStartsAt,
    courseUrl: `${view.baseUrl}${paths.courses.show(courseId)}`,
    unsubscribeUrl: view.link?.url ?? '',
  }
}

/**
 * new_dates: to someone who asked to hear when places come up for a programme (no booking). One
 * message per run per subscriber and channel (the dedupe key); the unsubscribe link is rebuilt
 * from the payload's nonce by the renderer.
 */
export const newDatesMessageKind: MessageKind = {
  subject: (v) => v.t('queue:message.subject', { title: newDatesFacts(v).title }),
  sms: (v) => {
    const f = newDatesFacts(v)
    const when = f.firstStartsAt ? v.format.formatShortDate(f.firstStartsAt) : ''
    // One link: the subscriber's page shows the dates to book and the button that stops the messages.
    const words = (key: 'sms' | 'smsShort', title: string) => v.t(`queue:message.${key}`, { title, when, stop: f.unsubscribeUrl })
    // GSM-7 (one 160-character segment) is for English; other scripts go as they are (UCS-2).
    if (v.language !== 'en') return words('smsShort', f.title)
    return fitSms([({ title }) => words('sms', title), ({ title }) => words('smsShort', title)], { title: f.title, place: f.place })
  },
  needsBooking: false,
}
