import { paths } from '../../paths.js'
import { can, type StaffPrincipal } from '../../services/staff/policy.js'

/** The staff menu: only what this member of staff may use. */
export function staffNavigation(user: StaffPrincipal): { href: string; text: string }[] {
  const items: { href: string; text: string; show: boolean }[] = [
    { href: paths.staff.home, text: 'Home', show: true },
    { href: paths.staff.families.index, text: 'Families', show: can(user, 'families.find') },
    { href: paths.staff.mySessions, text: 'My sessions', show: true },
    { href: paths.staff.courses.index, text: 'Courses', show: can(user, 'courses.manage') },
    { href: paths.staff.dashboard, text: 'Dashboard', show: can(user, 'dashboard.view') },
    { href: paths.staff.reports.index, text: 'Reports', show: can(user, 'reports.view') },
    { href: paths.staff.users.index, text: 'Staff', show: can(user, 'staff.manage') },
    { href: paths.staff.audit, text: 'Audit log', show: can(user, 'audit.view') },
  ]
  return items.filter((item) => item.show).map(({ href, text }) => ({ href, text }))
}
