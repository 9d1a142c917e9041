import type { DataAccess } from '../../data/index.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { BookingService } from '../booking/booking-service.js'
import type { ReminderService } from '../reminders/reminder-service.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { StaffFamilyService } from './family-service.js'
import { StaffBookingService } from './staff-booking-service.js'
import { StaffRegisterService } from './register-service.js'
import { StaffCatalogueService } from './catalogue-admin-service.js'
import { StaffDashboardService } from './dashboard-service.js'
import { AuditService } from './audit-service.js'
import { StaffAuthService } from './auth-service.js'
import { StaffAccountsService } from './accounts-service.js'
import { ReportsService } from '../reports/reports-service.js'
import { DataProtectionService } from '../privacy/data-protection-service.js'

/** What the staff services use from the rest of the service (see services/index.ts). */
export interface StaffDependencies {
  /** Every staff write runs in it (services/unit-of-work.ts). */
  unitOfWork: UnitOfWork
  notifier: BookingNotifier
  /** services.booking: every capacity and waiting-list rule lives there. */
  booking: BookingService
  /** services.reminders: re-planned when staff change a family's contact details or consent. */
  reminders: Pick<ReminderService, 'refreshFamily'>
}

/** The staff area's services (part of the services() composition root). */
export function staffServices(data: DataAccess, deps: StaffDependencies) {
  const { unitOfWork } = deps
  const audit = new AuditService(data.staff.audit)
  const reports = new ReportsService(data.reports, data.config.reports.lateCancellationHours)
  return {
    audit,
    auth: new StaffAuthService(unitOfWork, data.staff.users, data.staff.signInAttempts, data.config.sessionSecret),
    accounts: new StaffAccountsService(unitOfWork, data.staff.users, audit),
    families: new StaffFamilyService(unitOfWork, data.staff.families, audit, (tx, familyId) => deps.reminders.refreshFamily(tx, familyId)),
    dashboard: new StaffDashboardService(data.staff.dashboard, reports),
    reports,
    registers: new StaffRegisterService(unitOfWork, data.staff.registers, audit),
    catalogue: new StaffCatalogueService(
      unitOfWork,
      data.staff.catalogue,
      data.staff.courseLists,
      () => deps.booking,
      deps.notifier,
      audit,
    ),
    // Subject access export, erasure and retention (UK GDPR).
    dataProtection: new DataProtectionService(unitOfWork, data.privacy, audit, data.config.dataProtection.retentionMonths, data.logger),
    bookings: new StaffBookingService(unitOfWork, () => deps.booking, deps.notifier, data.booking.bookings, data.staff.courseLists, audit),
  }
}
