import { DateTime } from 'luxon'
import type { FamilyErasure } from '../../data/privacy/family-erasure.js'
import type { FamilyExport } from '../../data/privacy/family-export.js'
import type { Logger } from '../../logger.js'
import type { AuditService } from '../staff/audit-service.js'
import type { StaffPrincipal } from '../staff/policy.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { exportZip } from './export-zip.js'

export type ErasureOutcome = 'erased' | 'already_erased' | 'not_found'

/** How many families one retention run anonymises per query; it runs until none are left. */
const RETENTION_BATCH = 100

/**
 * UK GDPR: subject access (a copy of everything held about a family), erasure on request, and
 * retention (the same anonymisation, RETENTION_MONTHS after the family's last session). Each is
 * written to the audit log with the family's id and the staff member's reason, never a name.
 */
export class DataProtectionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly data: { erasure: FamilyErasure; export: FamilyExport },
    private readonly audit: AuditService,
    private readonly retentionMonths: number,
    private readonly logger: Logger,
  ) {}

  /** The zip of everything held about the family, or undefined when there is no such family. */
  async exportFamily(actor: StaffPrincipal, familyId: number, reason: string, now = new Date()) {
    const sections = await this.data.export.sections(familyId)
    if (!sections) return undefined
    const zip = exportZip(familyId, sections, now)
    await this.unitOfWork.run((tx) =>
      this.audit.record(tx, actor, { action: 'family.exported', entityType: 'family', entityId: familyId, familyId, after: { reason } }),
    )
    return { filename: `family-${familyId}-${DateTime.fromJSDate(now).toISODate()}.zip`, zip }
  }

  /** Anonymises the family at once (an erasure request). Running it twice changes nothing more. */
  async erase(actor: StaffPrincipal, familyId: number, reason: string, now = new Date()): Promise<ErasureOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const family = await this.data.erasure.lock(tx, familyId)
      if (!family) return 'not_found'
      if (family.anonymisedAt) return 'already_erased'
      await this.data.erasure.anonymise(tx, familyId, now)
      await this.audit.record(tx, actor, { action: 'family.erased', entityType: 'family', entityId: familyId, familyId, after: { reason } })
      return 'erased'
    })
  }

  /**
   * Anonymises every family whose last session ended (or, never having booked, whose record was
   * made) more than RETENTION_MONTHS before `now`. One transaction per family; safe to run twice or
   * on two workers at once (the family row is locked and re-checked). Returns how many it did.
   */
  async applyRetention(now = new Date()): Promise<number> {
    const cutoff = DateTime.fromJSDate(now).minus({ months: this.retentionMonths }).toJSDate()
    let done = 0
    for (;;) {
      const due = await this.data.erasure.pastRetention(cutoff, RETENTION_BATCH)
      if (due.length === 0) break
      for (const familyId of due) {
        const anonymised = await this.unitOfWork.run(async (tx) => {
          const family = await this.data.erasure.lock(tx, familyId)
          if (!family || family.anonymisedAt) return false
          await this.data.erasure.anonymise(tx, familyId, now)
          await this.audit.record(tx, null, {
            action: 'family.anonymised',
            entityType: 'family',
            entityId: familyId,
            familyId,
            after: { reason: `Retention: no session for ${this.retentionMonths} months` },
          })
          return true
        })
        if (anonymised) done++
      }
    }
    if (done > 0) this.logger.info({ families: done, retentionMonths: this.retentionMonths }, 'anonymised families past retention')
    const subscriptions = await this.data.erasure.idleSubscriptionsGone(cutoff)
    if (subscriptions > 0)
      this.logger.info({ subscriptions, retentionMonths: this.retentionMonths }, 'removed new-dates subscriptions past retention')
    return done
  }
}
