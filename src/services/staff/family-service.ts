import type { Tx } from '../../db/database.js'
import type { Language } from '../../i18n/languages.js'
import type { ConsentSource } from '../../domain/families.js'
import type { FamilyPatch, FamilyRecord, FamilyRecords } from '../../data/staff/family-records.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditService } from './audit-service.js'
import { interpretFamilyQuery } from './family-query.js'
import type { StaffPrincipal } from './policy.js'

/** The parts of a family record reception edits on the details form. */
export interface FamilyDetails {
  parentName: string
  otherCarers: string | null
  email: string | null
  phone: string | null
  postcode: string | null
  interpreterLanguage: string | null
  /** The language of the family's emails and texts when staff book for them (null: as before, else English). */
  messageLanguage: Language | null
  needsStepFree: boolean
  needsChildcare: boolean
  otherSupport: string | null
  notes: string | null
}

export const referralSources = ['health_visitor', 'social_worker', 'school', 'gp', 'midwife', 'self', 'other'] as const
export type ReferralSource = (typeof referralSources)[number]
export const referralSourceNames: Record<ReferralSource, string> = {
  health_visitor: 'Health visitor',
  social_worker: 'Social worker',
  school: 'School or nursery',
  gp: 'GP',
  midwife: 'Midwife',
  self: 'Self-referral',
  other: 'Other',
}

export interface Referral {
  referredBy: ReferralSource | null
  referralNotes: string | null
  priority: boolean
}

export interface NewChild {
  firstName: string
  dateOfBirth: string | null
  ageYears: number | null
  dueDate: string | null
}

/** Messages the family agreed to, told to staff on the phone or in person. */
export interface ConsentInput {
  source: Exclude<ConsentSource, 'online'>
  contactByEmail: boolean
  contactBySms: boolean
}

export type ContactClash = { ok: false; message: string }

/**
 * Reception's work on family records. Every change is written with its audit entry (who, what,
 * before and after) in one transaction.
 */
export class StaffFamilyService {
  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly records: FamilyRecords,
    private readonly audit: AuditService,
    /** The family's reminders follow a change of address, number or consent (services.reminders). */
    private readonly contactsChanged: (tx: Tx, familyId: number) => Promise<void> = async () => undefined,
  ) {}

  async search(text: string) {
    const query = interpretFamilyQuery(text)
    return query ? { query, families: await this.records.search(query) } : undefined
  }

  async record(familyId: number) {
    const family = await this.records.byId(familyId)
    if (!family) return undefined
    const [children, bookings, consentRecordedByName] = await Promise.all([
      this.records.childrenOf(familyId),
      this.records.bookingsOf(familyId),
      this.records.staffName(family.consentRecordedBy),
    ])
    return { family, children, bookings, consentRecordedByName }
  }

  /** A new record for a family who phoned or came in, with the messages they agreed to. */
  async create(actor: StaffPrincipal, details: FamilyDetails, consent: ConsentInput, now = new Date()): Promise<FamilyRecord> {
    const agreed = consent.contactByEmail || consent.contactBySms
    const values = {
      ...details,
      contactByEmail: consent.contactByEmail,
      contactBySms: consent.contactBySms,
      consentGivenAt: agreed ? now : null,
      consentSource: agreed ? consent.source : null,
      consentRecordedBy: agreed ? actor.id : null,
    }
    return this.unitOfWork.run(async (tx) => {
      const family = await this.records.insert(tx, values)
      await this.audit.record(tx, actor, {
        action: 'family.created',
        entityType: 'family',
        entityId: family.id,
        familyId: family.id,
        after: values,
      })
      return family
    })
  }

  async updateDetails(actor: StaffPrincipal, familyId: number, details: FamilyDetails): Promise<{ ok: true } | ContactClash> {
    try {
      await this.change(actor, familyId, 'family.details_changed', details, async (tx, before) => {
        if (before.email !== details.email || before.phone !== details.phone) {
          await this.records.updateActiveBookingContacts(tx, familyId, { email: details.email, phone: details.phone })
          await this.contactsChanged(tx, familyId)
        }
      })
      return { ok: true }
    } catch (error) {
      if (isUniqueViolation(error)) {
        return {
          ok: false,
          message:
            'Another family with this email address or phone number already has a place or waiting-list entry on one of this family’s courses',
        }
      }
      throw error
    }
  }

  /** Consent given on the phone or in person: who recorded it and when is kept on the record. */
  async recordConsent(actor: StaffPrincipal, familyId: number, consent: ConsentInput, now = new Date()) {
    await this.change(
      actor,
      familyId,
      'family.consent_recorded',
      {
        contactByEmail: consent.contactByEmail,
        contactBySms: consent.contactBySms,
        consentGivenAt: now,
        consentSource: consent.source,
        consentRecordedBy: actor.id,
      },
      (tx) => this.contactsChanged(tx, familyId),
    )
  }

  async setReferral(actor: StaffPrincipal, familyId: number, referral: Referral) {
    await this.change(actor, familyId, 'family.referral_changed', { ...referral })
  }

  async addChild(actor: StaffPrincipal, familyId: number, child: NewChild) {
    await this.unitOfWork.run(async (tx) => {
      const row = await this.records.addChild(tx, { ...child, familyId })
      await this.audit.record(tx, actor, {
        action: 'family.child_added',
        entityType: 'child',
        entityId: row.id,
        familyId,
        after: { ...child },
      })
    })
  }

  async removeChild(actor: StaffPrincipal, familyId: number, childId: number) {
    await this.unitOfWork.run(async (tx) => {
      const row = await this.records.removeChild(tx, familyId, childId)
      if (!row) return
      await this.audit.record(tx, actor, {
        action: 'family.child_removed',
        entityType: 'child',
        entityId: childId,
        familyId,
        before: { firstName: row.firstName, dateOfBirth: row.dateOfBirth, ageYears: row.ageYears, dueDate: row.dueDate },
      })
    })
  }

  private async change(
    actor: StaffPrincipal,
    familyId: number,
    action: string,
    patch: FamilyPatch,
    also?: (tx: Tx, before: FamilyRecord) => Promise<void>,
  ) {
    await this.unitOfWork.run(async (tx) => {
      const before = await this.records.lock(tx, familyId)
      if (!before) throw new Error(`No family ${familyId}`)
      const after = await this.records.update(tx, familyId, patch)
      await also?.(tx, before)
      const keys = Object.keys(patch) as (keyof FamilyRecord)[]
      await this.audit.record(tx, actor, {
        action,
        entityType: 'family',
        entityId: familyId,
        familyId,
        before: Object.fromEntries(keys.map((key) => [key, before[key]])),
        after: Object.fromEntries(keys.map((key) => [key, after[key]])),
      })
    })
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } }
  return e.code === '23505' || e.cause?.code === '23505'
}
