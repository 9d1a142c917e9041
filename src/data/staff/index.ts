import type { Database } from '../../db/database.js'
import { AuditRepository } from './audit-repository.js'
import { CourseLists } from './course-lists.js'
import { FamilyRecords } from './family-records.js'
import { Registers } from './registers.js'
import { CatalogueAdmin } from './catalogue-admin.js'
import { DashboardFigures } from './dashboard-figures.js'
import { SignInAttempts } from './sign-in-attempts.js'
import { StaffUserRepository } from './staff-user-repository.js'

/** The staff area's repositories (part of the dataAccess() composition root). */
export function staffData(database: Database) {
  return {
    users: new StaffUserRepository(database.db),
    signInAttempts: new SignInAttempts(database.pool),
    audit: new AuditRepository(database.db),
    families: new FamilyRecords(database.db),
    courseLists: new CourseLists(database.db),
    registers: new Registers(database.db),
    catalogue: new CatalogueAdmin(database.db),
    dashboard: new DashboardFigures(database.db),
  }
}

