import type { StaffRole } from '../../domain/staff.js'

/** The signed-in member of staff, as the policy sees them. */
export interface StaffPrincipal {
  id: number
  name: string
  email: string
  role: StaffRole
  /** The hubs a hub manager runs (empty for other roles). */
  hubIds: readonly number[]
}

/**
 * What a member of staff can ask to do. Checked on the server for every route (see
 * middleware/require-permission.ts) and again, against the actual hub or session, in controllers.
 */
export const staffActions = [
  'home.view',
  'sessions.mine',
  'families.find',
  'families.edit',
  'bookings.manage',
  'bookings.overbook',
  'register.view',
  'attendance.record',
  'hubs.create',
  'hubs.edit',
  'programmes.manage',
  'courses.manage',
  'dashboard.view',
  'staff.manage',
  'audit.view',
  // Reports: hub managers see their own hubs' figures, admins the whole city.
  'reports.view',
  // Subject access: export everything held about a family, or erase it (UK GDPR requests).
  'families.subjectAccess',
  // A private calendar feed of every session at a hub: its managers (and admins, for any hub).
  'calendarFeeds.hub',
  // "Offer to everyone waiting": a run's free places to all its waiting families at once.
  'offers.openToAll',
] as const
export type StaffAction = (typeof staffActions)[number]

/**
 * The thing acted on. hubId: the hub a course, session or booking belongs to (null for an online
 * course with no hub). facilitatorIds: the staff assigned to a session. When no resource is given
 * the question is "may they do this anywhere", which decides whether a page or link is offered.
 */
export interface PolicyResource {
  hubId?: number | null
  facilitatorIds?: readonly number[]
}

type Rule = (user: StaffPrincipal, resource: PolicyResource | undefined) => boolean

const always: Rule = () => true
const never: Rule = () => false
/** A hub manager acts only at their own hubs; an online course (no hub) is the admins'. */
const atTheirHub: Rule = (user, resource) =>
  resource?.hubId === undefined || (resource.hubId !== null && user.hubIds.includes(resource.hubId))
const facilitating: Rule = (user, resource) => resource?.facilitatorIds === undefined || resource.facilitatorIds.includes(user.id)
const either =
  (...rules: Rule[]): Rule =>
  (user, resource) =>
    rules.some((rule) => rule(user, resource))

/** Admins may do everything; this table says what the other roles may do. */
const rules: Record<Exclude<StaffRole, 'admin'>, Record<StaffAction, Rule>> = {
  hub_manager: {
    'home.view': always,
    'sessions.mine': always,
    'families.find': always,
    'families.edit': always,
    'bookings.manage': atTheirHub,
    'bookings.overbook': atTheirHub,
    'register.view': either(atTheirHub, facilitating),
    'attendance.record': either(atTheirHub, facilitating),
    'hubs.create': never,
    'hubs.edit': atTheirHub,
    'programmes.manage': always,
    'courses.manage': atTheirHub,
    'dashboard.view': always,
    'staff.manage': never,
    'audit.view': never,
    'reports.view': always,
    'families.subjectAccess': never,
    'calendarFeeds.hub': atTheirHub,
    'offers.openToAll': atTheirHub,
  },
  reception: {
    'home.view': always,
    'sessions.mine': always,
    'families.find': always,
    'families.edit': always,
    'bookings.manage': always,
    'bookings.overbook': never,
    'register.view': never,
    'attendance.record': never,
    'hubs.create': never,
    'hubs.edit': never,
    'programmes.manage': never,
    'courses.manage': never,
    'dashboard.view': never,
    'staff.manage': never,
    'audit.view': never,
    'reports.view': never,
    'families.subjectAccess': never,
    'calendarFeeds.hub': never,
    'offers.openToAll': never,
  },
  facilitator: {
    'home.view': always,
    'sessions.mine': always,
    'families.find': never,
    'families.edit': never,
    'bookings.manage': never,
    'bookings.overbook': never,
    'register.view': facilitating,
    'attendance.record': facilitating,
    'hubs.create': never,
    'hubs.edit': never,
    'programmes.manage': never,
    'courses.manage': never,
    'dashboard.view': never,
    'staff.manage': never,
    'audit.view': never,
    'reports.view': never,
    'families.subjectAccess': never,
    'calendarFeeds.hub': never,
    'offers.openToAll': never,
  },
}

export function can(user: StaffPrincipal | undefined, action: StaffAction, resource?: PolicyResource): boolean {
  if (!user) return false
  if (user.role === 'admin') return true
  return rules[user.role][action](user, resource)
}

export const roleNames: Record<StaffRole, string> = {
  admin: 'Admin',
  hub_manager: 'Hub manager',
  reception: 'Reception',
  facilitator: 'Facilitator',
}
