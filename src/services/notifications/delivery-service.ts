import type { EmailSender } from '../../data/mail/email-sender.js'
import { DeliveryFailure } from '../../data/mail/delivery-failure.js'
import type { SmsSender } from '../../data/sms/sms-sender.js'
import { TWILIO_OPTED_OUT } from '../../data/sms/twilio-sms-sender.js'
import type { ClaimedNotification, NotificationRepository } from '../../data/notifications/notification-repository.js'
import type { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import type { JobQueue } from '../job-queue.js'
import type { Logger } from '../../logger.js'
import { paths } from '../../paths.js'
import { DEFAULT_BACK_OFF, retryAt, type BackOff, type QuietHours } from './back-off.js'
import { messageKind } from './message-kinds.js'
import { messageKey, NothingToSay, type MessageRenderer } from './message-renderer.js'

export interface DeliveryOptions {
  /** Rows claimed (and sent in parallel) at a time. */
  batchSize: number
  /** A message that failed this many times for passing reasons is given up (state failed). */
  maxAttempts: number
  /**
   * A claim older than this belongs to a worker that died or hung. Must be well above the longest
   * send (SMTP socket timeout, Twilio request timeout), so that a live worker's claim is never
   * settled behind its back while its request to Twilio may still be in flight.
   */
  claimTimeoutSeconds: number
  backOff: BackOff
  /** No text is retried in these London hours (config QUIET_HOURS_START/END). */
  textQuietHours: QuietHours | undefined
  /** One run of the job stops taking new rows after this long and queues another run. */
  maxRunMs: number
  random: () => number
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  batchSize: 20,
  maxAttempts: 8,
  claimTimeoutSeconds: 120,
  backOff: DEFAULT_BACK_OFF,
  textQuietHours: undefined,
  maxRunMs: 120_000,
  random: Math.random,
}

export type Outcome = 'sent' | 'retry' | 'failed' | 'skipped' | 'in_doubt' | 'lost_claim'

export interface DeliveryRun {
  /** Stale claims settled before delivering (see recoverStaleClaims). */
  recovered: number
  outcomes: Record<Outcome, number>
}

/** The claim was settled by someone else (it went stale): this worker must not send. */
class ClaimLost extends Error {}

/**
 * Turns notification rows into emails and text messages, each row at most once.
 *
 * A row is claimed (scheduled -> sending, attempts + 1, committed) before anything is sent, so two
 * workers, or one job run twice, never send the same row: only one claim can succeed. What happens
 * when a worker dies with a row claimed is the hard part; what we chose, and why:
 *
 * The promise is at most once ("a reminder is sent at most once, even when a worker dies
 * mid-send"). A plain "claim, send, record" cannot give that without losing messages: a row left
 * in 'sending' may or may not have gone, so the only safe thing would be to give it up. Instead the
 * point of no return is recorded, so that an orphaned claim says exactly what happened:
 *
 * - Email: the SMTP adapter calls handOver() after the server has accepted the envelope and before
 *   the final dot, and the row becomes 'sent' there (fenced on the claim). A server keeps nothing of
 *   a message whose final dot never came. So a row still 'sending' after a crash has certainly not
 *   been sent and is queued again (recoverStaleClaims): exactly once. A row marked 'sent' whose dot
 *   was lost (the process died in the instant between the commit and the socket write, or the
 *   connection dropped before the server's reply) stays 'sent' and is never repeated: at most once,
 *   with the small window of doubt noted on the row. An explicit refusal of the message (a reply to
 *   the dot) is certain, so that one is retried or failed as normal.
 * - Text: Twilio creates the message when it reads the request, and we cannot hold that back, but
 *   Twilio can be asked afterwards. A row still 'sending' after the claim timeout (a dead worker, or
 *   a request that timed out) is settled by listing the recent messages to that number: found, the
 *   row is 'sent' with that SID; not found, it was never created and is queued again. Exactly once,
 *   given that the claim timeout is longer than a request can take (see DeliveryOptions).
 *   Status callbacks carry ?notification=<id>, so the webhook can settle such a row too.
 * - The dev outbox files are named per row, so writing one again only replaces it.
 *
 * Failures: transient ones (server down, SMTP 4xx, HTTP 429/5xx) go back to 'scheduled' with an
 * exponential, jittered back-off, until maxAttempts; permanent ones are 'failed' with the reason.
 * A text that cannot go (invalid number, opted out) becomes an email when the family agreed to
 * email. Bookings never wait for any of this: the booking service only writes rows (an outbox)
 * in its own transaction, and this worker sends them after the commit.
 *
 * Logs carry ids, kinds, channels and outcomes, never recipients or message bodies.
 */
export class NotificationDeliveryService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly contexts: MessageContextRepository,
    private readonly renderer: MessageRenderer,
    private readonly email: EmailSender,
    private readonly sms: SmsSender,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly settings: { baseUrl: string },
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  ) {}

  /**
   * The 'deliver-due-notifications' job: settles stale claims, then claims and sends due rows,
   * a batch at a time, until none are due (or the run has taken maxRunMs: another run is queued).
   */
  async deliverDue(): Promise<DeliveryRun> {
    const started = Date.now()
    const run: DeliveryRun = {
      recovered: await this.recoverStaleClaims(),
      outcomes: { sent: 0, retry: 0, failed: 0, skipped: 0, in_doubt: 0, lost_claim: 0 },
    }
    for (;;) {
      if (Date.now() - started > this.options.maxRunMs) {
        await this.jobs.wakeDelivery()
        break
      }
      const batch = await this.notifications.claimDue(this.options.batchSize)
      if (batch.length === 0) break
      const outcomes = await Promise.all(batch.map((row) => this.deliverClaimed(row)))
      for (const outcome of outcomes) run.outcomes[outcome]++
    }
    return run
  }

  /** Sends one claimed row and records the outcome. Never throws. */
  async deliverClaimed(row: ClaimedNotification): Promise<Outcome> {
    const log = this.logger.child({ notificationId: row.id, kind: row.kind, channel: row.channel, attempt: row.attempts })
    try {
      const outcome = row.channel === 'email' ? await this.sendEmail(row) : await this.sendSms(row)
      log.info({ outcome }, 'notification delivery')
      return outcome
    } catch (error) {
      return this.settleError(row, error, log).catch((recordError: unknown) => {
        log.error({ err: recordError }, 'could not record the outcome; the stale-claim sweep will settle the row')
        return 'in_doubt' as const
      })
    }
  }

  private async settleError(row: ClaimedNotification, error: unknown, log: Logger): Promise<Outcome> {
    if (error instanceof ClaimLost) {
      log.warn('claim taken over before sending; left to the other worker')
      return 'lost_claim'
    }
    if (error instanceof DeliveryFailure) return this.failed(row, error, log)
    if (error instanceof NothingToSay) {
      await this.notifications.skip(row, error.message)
      log.info({ outcome: 'skipped' }, 'notification delivery')
      return 'skipped'
    }
    // A template or data problem: sending again would fail the same way.
    log.error({ err: error }, 'could not prepare the message')
    await this.notifications.fail(
      row,
      `Could not prepare the message: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
    )
    return 'failed'
  }

  private async sendEmail(row: ClaimedNotification): Promise<Outcome> {
    const kind = messageKind(row.kind)
    if (!kind) throw new Error(`Unknown message kind ${row.kind}`)
    const view = await this.renderer.view(row, kind)
    const stale = kind.staleBecause?.(view)
    if (stale) return this.skip(row, stale)
    const email = await this.renderer.email(row, view, kind)
    const sent = await this.email.send(email, async () => {
      if (!(await this.notifications.handOver(row, email.messageId))) throw new ClaimLost()
    })
    // Already 'sent' since the hand-over; this adds the server's answer.
    return this.recordSent(row, () =>
      this.notifications.markSent(row, { providerMessageId: sent.providerMessageId, providerStatus: 'accepted' }),
    )
  }

  private async sendSms(row: ClaimedNotification): Promise<Outcome> {
    const kind = messageKind(row.kind)
    if (!kind) throw new Error(`Unknown message kind ${row.kind}`)
    if (!kind.sms) return this.skip(row, 'This kind of message has no text version')
    if (await this.notifications.isOptedOut(row.recipient)) {
      await this.skip(row, 'The number has opted out of texts (STOP)')
      await this.fallBackToEmail(row)
      return 'skipped'
    }
    const view = await this.renderer.view(row, kind)
    const stale = kind.staleBecause?.(view)
    if (stale) return this.skip(row, stale)
    const sent = await this.sms.send({
      key: messageKey(row),
      to: row.recipient,
      body: this.renderer.sms(view, kind),
      statusCallback: this.statusCallback(row.id),
    })
    return this.recordSent(row, () =>
      this.notifications.markSent(row, { providerMessageId: sent.providerMessageId, providerStatus: sent.status }),
    )
  }

  /**
   * The message has gone: a failure to record that must not make it look unsent. An email is
   * 'sent' from its hand-over already; a text stays 'sending' and recoverStaleClaims finds it.
   */
  private async recordSent(row: ClaimedNotification, record: () => Promise<boolean>): Promise<Outcome> {
    try {
      await record()
    } catch (error) {
      this.logger.error({ err: error, notificationId: row.id }, 'sent, but could not record it; the stale-claim sweep will settle it')
    }
    return 'sent'
  }

  private async failed(row: ClaimedNotification, failure: DeliveryFailure, log: Logger): Promise<Outcome> {
    const detail = { failure: failure.kind, providerCode: failure.providerCode, reason: failure.reason }
    if (failure.kind === 'in_doubt') {
      // Email: already 'sent' at hand-over, and stays so. Text: stays 'sending' until
      // recoverStaleClaims asks Twilio whether it was created.
      await this.notifications.noteProblem(row, `Outcome unknown, not resent: ${failure.reason}`)
      log.warn(detail, 'notification outcome unknown')
      return 'in_doubt'
    }
    if (failure.kind === 'transient' && row.attempts < this.options.maxAttempts) {
      const dueAt = retryAt(new Date(), row.attempts, row.channel, this.options.textQuietHours, this.options.backOff, this.options.random)
      await this.notifications.reschedule(row, dueAt, failure.reason)
      log.warn({ ...detail, retryAt: dueAt }, 'notification delivery failed; will retry')
      return 'retry'
    }
    const reason = failure.kind === 'transient' ? `Gave up after ${row.attempts} attempts: ${failure.reason}` : failure.reason
    await this.notifications.fail(row, reason)
    log.warn(detail, 'notification delivery failed')
    if (row.channel === 'sms') {
      if (failure.providerCode === TWILIO_OPTED_OUT) await this.notifications.recordOptOut(row.recipient)
      await this.fallBackToEmail(row)
    }
    return 'failed'
  }

  private async skip(row: ClaimedNotification, reason: string): Promise<Outcome> {
    await this.notifications.skip(row, reason)
    return 'skipped'
  }

  /**
   * A text that cannot go is sent as an email when the family agreed to email: the same kind of
   * message, due now. None when this message already goes by email (a confirmation to a family
   * with both channels). The key, <text's key>:email-fallback, is the one the Twilio status
   * callback's fallback uses too (data/reminders/email-fallback-store.ts), so a text makes one at most.
   */
  private async fallBackToEmail(row: ClaimedNotification): Promise<void> {
    if (row.bookingId === null) return
    const family = await this.contexts.familyContact(row.bookingId)
    if (!family?.contactByEmail || !family.email) return
    if (await this.notifications.hasEmailFor(row)) return
    const payload = typeof row.payload === 'object' && row.payload !== null ? row.payload : {}
    const inserted = await this.notifications.insertOnce({
      dedupeKey: `${row.dedupeKey}:email-fallback`,
      bookingId: row.bookingId,
      sessionId: row.sessionId,
      channel: 'email',
      kind: row.kind,
      recipient: family.email,
      payload: { ...payload, fallbackForNotificationId: row.id },
    })
    if (inserted) await this.jobs.wakeDelivery()
  }

  /**
   * Settles rows whose claim is older than the claim timeout (see the class comment). An email
   * still 'sending' never reached the point of no return: it is queued again. A text is looked up
   * at the provider. A row that keeps killing its workers is given up after maxAttempts.
   */
  async recoverStaleClaims(): Promise<number> {
    const stale = await this.notifications.staleClaims(this.options.claimTimeoutSeconds, 100)
    let settled = 0
    for (const row of stale) {
      const log = this.logger.child({ notificationId: row.id, kind: row.kind, channel: row.channel, attempt: row.attempts })
      try {
        if (row.channel === 'sms') {
          const kind = messageKind(row.kind)
          const sid = kind?.sms
            ? await this.sms.findSent(
                { key: messageKey(row), to: row.recipient, body: this.renderer.sms(await this.renderer.view(row, kind), kind) },
                row.claimedAt ?? row.updatedAt,
              )
            : undefined
          if (sid) {
            await this.notifications.markSent(row, {
              providerMessageId: sid,
              providerStatus: 'found at the provider after the answer was lost',
            })
            log.info({ outcome: 'sent' }, 'stale claim settled: the text had been sent')
            settled++
            continue
          }
        }
        if (row.attempts >= this.options.maxAttempts) {
          await this.notifications.fail(row, `Gave up after ${row.attempts} attempts: each worker stopped while sending`)
          log.warn({ outcome: 'failed' }, 'stale claim given up')
        } else {
          await this.notifications.release(
            row,
            'A worker stopped before this message was handed over; nothing was sent, so it is queued again',
          )
          log.info({ outcome: 'requeued' }, 'stale claim settled: not sent, queued again')
        }
        settled++
      } catch (error) {
        // The provider could not be asked (Twilio down): try again on the next run.
        log.warn({ err: error }, 'could not settle a stale claim yet')
      }
    }
    return settled
  }

  private statusCallback(notificationId: number): string {
    return `${this.settings.baseUrl}${paths.webhooks.twilioStatus}?notification=${notificationId}`
  }
}
