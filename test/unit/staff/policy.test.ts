import { expect } from 'chai'
import { can, staffActions, type StaffPrincipal } from '../../../src/services/staff/policy.js'

const user = (role: StaffPrincipal['role'], hubIds: number[] = []): StaffPrincipal => ({
  id: 7,
  name: 'X',
  email: 'x@example.com',
  role,
  hubIds,
})

describe('staff permission policy', () => {
  it('lets an admin do everything, anywhere', () => {
    for (const action of staffActions) expect(can(user('admin'), action, { hubId: 99, facilitatorIds: [] }), action).to.equal(true)
  })

  it('refuses everything to nobody', () => {
    for (const action of staffActions) expect(can(undefined, action), action).to.equal(false)
  })

  it('keeps a hub manager to their own hubs, and online courses to admins', () => {
    const manager = user('hub_manager', [1, 2])
    expect(can(manager, 'courses.manage', { hubId: 2 })).to.equal(true)
    expect(can(manager, 'courses.manage', { hubId: 3 })).to.equal(false)
    expect(can(manager, 'courses.manage', { hubId: null })).to.equal(false)
    expect(can(manager, 'bookings.overbook', { hubId: 1 })).to.equal(true)
    expect(can(manager, 'bookings.overbook', { hubId: 3 })).to.equal(false)
    expect(can(manager, 'register.view', { hubId: 3, facilitatorIds: [7] }), 'a session they run elsewhere').to.equal(true)
    expect(can(manager, 'hubs.create')).to.equal(false)
    expect(can(manager, 'staff.manage')).to.equal(false)
    expect(can(manager, 'audit.view')).to.equal(false)
  })

  it('offers hub calendar feeds to a hub manager for their own hubs only, and never to reception or facilitators', () => {
    expect(can(user('hub_manager', [1]), 'calendarFeeds.hub', { hubId: 1 })).to.equal(true)
    expect(can(user('hub_manager', [1]), 'calendarFeeds.hub', { hubId: 2 })).to.equal(false)
    expect(can(user('reception'), 'calendarFeeds.hub', { hubId: 1 })).to.equal(false)
    expect(can(user('facilitator'), 'calendarFeeds.hub')).to.equal(false)
  })

  it('lets reception book at any hub but never over-book, and nothing of the managers’', () => {
    const reception = user('reception')
    expect(can(reception, 'bookings.manage', { hubId: 42 })).to.equal(true)
    expect(can(reception, 'families.edit')).to.equal(true)
    for (const action of [
      'bookings.overbook',
      'register.view',
      'courses.manage',
      'hubs.edit',
      'programmes.manage',
      'dashboard.view',
      'staff.manage',
      'audit.view',
    ] as const) {
      expect(can(reception, action, { hubId: 42 }), action).to.equal(false)
    }
  })

  it('keeps a facilitator to the sessions they run', () => {
    const facilitator = user('facilitator')
    expect(can(facilitator, 'register.view', { hubId: 1, facilitatorIds: [7] })).to.equal(true)
    expect(can(facilitator, 'attendance.record', { hubId: 1, facilitatorIds: [8] })).to.equal(false)
    expect(can(facilitator, 'families.find')).to.equal(false)
    expect(can(facilitator, 'bookings.manage', { hubId: 1 })).to.equal(false)
  })
})
