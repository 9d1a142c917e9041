import type { DataAccess } from '../../data/index.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { BookingService } from '../booking/booking-service.js'
import type { ReminderService } from '../reminders/reminder-service.js'
import { StaffFamilyService } from './family-service.js'
import { StaffBookingService } from './staff-booking-service.js'
import { StaffRegisterService } from './register-service.js'
import { StaffCatalogueService } from './catalogue-admin-service.js'
import { StaffDashboardService } from './dashboard-service.js'
import { AuditService } from './audit-service.js'
import { StaffAuthService } from './auth-service.js'
import { StaffAccountsService } from './accounts-service.js'

/** What the staff services use from the rest of the service (see services/index.ts). */
export interface StaffDependencies {
  notifier: BookingNotifier
  /** services.booking: every capacity and waiting-list rule lives there. */
  booking: BookingService
  /** services.reminders: re-planned when staff change a family's contact details or consent. */
  reminders: Pick<ReminderService, 'refreshFamily'>
}

/** The staff area's services (part of the services() composition root). */
export function staffServices(data: DataAccess, deps: StaffDependencies) {
  const db = data.database.db
  const audit = new AuditService(data.staff.audit)
  return {
    audit,
    auth: new StaffAuthService(db, data.staff.users, data.staff.signInAttempts, deps.notifier, data.config.sessionSecret),
    accounts: new StaffAccountsService(db, data.staff.users, audit),
    families: new StaffFamilyService(db, data.staff.families, audit, (tx, familyId) => deps.reminders.refreshFamily(tx, familyId)),
    dashboard: new StaffDashboardService(data.staff.dashboard),
    registers: new StaffRegisterService(db, data.staff.registers, audit),
    catalogue: new StaffCatalogueService(db, data.staff.catalogue, data.staff.courseLists, () => deps.booking, deps.notifier, audit),
    bookings: new StaffBookingService(db, () => deps.booking, deps.notifier, data.booking.bookings, data.staff.courseLists, audit),
  }
}

export type StaffServices = ReturnType<typeof staffServices>
