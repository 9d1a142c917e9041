import { createHash } from 'node:crypto'
import ejs from 'ejs'
import type { NotificationRow } from '../../data/notifications/notification-repository.js'
import type { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import type { OutgoingEmail } from '../../data/mail/email-sender.js'
import { fromRoot } from '../../project-root.js'
import { viewHelpers } from '../../views/helpers.js'
import { findMyBookingsUrl } from '../booking/access-link-tokens.js'
import { passwordResetLink } from '../staff/password-reset-link.js'
import { unsubscribeUrl } from '../new-dates/new-dates-service.js'
import { bookingCalendar } from './calendar.js'
import type { MessageKind } from './message-kinds.js'
import { defaultLanguage, isLanguage, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'
import { localeFormat } from '../../i18n/format.js'
import { emailLocals } from './email-locals.js'
import { bookingFacts, dateIn, stringIn, type MessageView, type ViewSettings } from './message-view.js'

export interface RendererSettings extends ViewSettings {
  /** MAIL_FROM, whose address organises invites for hubs with no email of their own. */
  mailFrom: string
  cacheTemplates: boolean
}

const viewsDir = fromRoot('views')

/** Thrown when a row's booking is gone: the message has nothing left to say. */
export class NothingToSay extends Error {}

/**
 * Turns a notification row into what is sent: an email (HTML and text from
 * views/emails/<template>.{html,text}.ejs, the subject, the invite) or a text message. Everything is
 * read from the database at send time, so a message says what is true when it goes.
 */
export class MessageRenderer {
  constructor(
    private readonly settings: RendererSettings,
    private readonly contexts: MessageContextRepository,
  ) {}

  async view(row: NotificationRow, kind: MessageKind): Promise<MessageView> {
    const payload = isRecord(row.payload) ? row.payload : {}
    const base = { kind: row.kind, channel: row.channel, baseUrl: this.settings.baseUrl, payload }
    if (row.bookingId === null) {
      if (kind.needsBooking !== false) throw new NothingToSay('the message has no booking')
      const language = isLanguage(payload.language) ? payload.language : defaultLanguage
      return { ...base, ...this.writtenIn(language), booking: undefined, link: this.link(row.kind, payload) }
    }
    const context = await this.contexts.forBooking(row.bookingId)
    if (!context) throw new NothingToSay('the booking no longer exists')
    const language = this.writtenIn(context.booking.language)
    return {
      ...base,
      ...language,
      booking: bookingFacts(this.settings, context, row.sessionId, payload, language.t('messages:sms.online')),
      link: this.link(row.kind, payload),
    }
  }

  /** The language facts, and the service's name as that language gives it (the configured name in English). */
  private writtenIn(language: Language): Pick<MessageView, 'language' | 't' | 'format' | 'serviceName'> {
    const facts = writtenIn(language)
    return { ...facts, serviceName: language === defaultLanguage ? this.settings.serviceName : facts.t('common:serviceName') }
  }

  async email(row: NotificationRow, view: MessageView, kind: MessageKind & { template: string }): Promise<OutgoingEmail> {
    const subject = kind.subject(view)
    // The templates' formatDate & co. and t() speak the message's language; lang and dir go on <html>.
    const locals = { ...viewHelpers, ...view.format, ...view, ...emailLocals(view), b: view.booking, subject }
    const render = (part: 'html' | 'text') =>
      ejs.renderFile(`${viewsDir}/emails/${kind.template}.${part}.ejs`, locals, {
        root: viewsDir,
        views: [viewsDir],
        cache: this.settings.cacheTemplates,
        // Plain text is not HTML: nothing to escape.
        ...(part === 'text' ? { escape: (value: unknown) => String(value ?? '') } : {}),
      })
    const [html, text] = await Promise.all([render('html'), render('text')])
    const attachment = kind.calendar?.(view)
    const calendar =
      attachment && view.booking
        ? {
            method: attachment.method,
            content: bookingCalendar(view.booking.context, {
              method: attachment.method,
              manageUrl: view.booking.manageUrl,
              baseUrl: this.settings.baseUrl,
              serviceName: this.settings.serviceName,
              fallbackOrganizerEmail: addressOf(this.settings.mailFrom),
              calendarSequence: view.booking.calendarSequence,
              sessionIds: attachment.sessionIds,
              attendee: { name: view.booking.parentName, email: row.recipient },
            }),
          }
        : undefined
    return {
      key: messageKey(row),
      messageId: this.messageId(row),
      to: row.recipient,
      subject,
      html,
      text: tidyText(text),
      calendar,
      language: view.language,
    }
  }

  sms(view: MessageView, kind: MessageKind): string {
    if (!kind.sms) throw new Error(`No text message for ${view.kind}`)
    return kind.sms(view)
  }

  /** The same Message-ID on every attempt at one row, unique across rows and environments. */
  messageId(row: NotificationRow): string {
    const hash = createHash('sha256').update(`${this.settings.baseUrl}|${row.dedupeKey}`).digest('hex').slice(0, 12)
    return `<${messageKey(row)}.${hash}@${new URL(this.settings.baseUrl).hostname}>`
  }

  /**
   * The one-time link a message carries, rebuilt from the nonce in its payload with the service's
   * secret (the database holds only the token's hash): "find my bookings" or a staff password reset.
   */
  private link(kind: string, payload: Record<string, unknown>): MessageView['link'] {
    if (kind === 'password_reset') {
      const resetNonce = stringIn(payload, 'resetNonce')
      if (!resetNonce) throw new NothingToSay('the reset message has no link to give')
      return {
        url: passwordResetLink(this.settings.baseUrl, this.settings.sessionSecret, { resetNonce }),
        expiresAt: dateIn(payload, 'expiresAt'),
      }
    }
    const unsubscribeNonce = stringIn(payload, 'unsubscribeNonce')
    if (kind === 'new_dates' && unsubscribeNonce) return { url: unsubscribeUrl(this.settings, unsubscribeNonce), expiresAt: undefined }
    const nonce = stringIn(payload, 'nonce')
    if (!nonce) return undefined
    return { url: findMyBookingsUrl(this.settings, nonce), expiresAt: dateIn(payload, 'expiresAt') }
  }
}

/** The language facts of a message view: its language, t() and formatting. */
export const writtenIn = (language: Language): Pick<MessageView, 'language' | 't' | 'format'> => ({
  language,
  t: translator(language),
  format: localeFormat(language),
})

/** Names one row's message everywhere (outbox file, Message-ID); the creation time keeps it unique if ids are reused. */
export const messageKey = (row: Pick<NotificationRow, 'id' | 'createdAt'>): string => `n${row.id}-${row.createdAt.getTime().toString(36)}`

export const addressOf = (mailbox: string): string => /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim()

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** EJS leaves the blank lines of its tags: at most one empty line in a row, no trailing spaces. */
const tidyText = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n'
