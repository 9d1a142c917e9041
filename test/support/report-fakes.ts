import type { ReportFilter, ReportOptions, Reports, WaitingSplit } from '../../src/domain/reports.js'
import type { StaffPrincipal } from '../../src/services/staff/policy.js'
import type { StaffRole } from '../../src/domain/staff.js'
import { routeTestApp } from './route-harness.js'

/** Places freed with nobody waiting, freed while families waited, and refilled of those. */
function split(nobody: number, whileWaiting: number, refilled: number): WaitingSplit {
  return {
    freedWithNobodyWaiting: nobody,
    freedWhileWaiting: whileWaiting,
    refilledWhileWaiting: refilled,
    refillRateWhileWaiting: whileWaiting > 0 ? refilled / whileWaiting : null,
  }
}

/** Hand-made figures, so every number the page shows is known exactly. */
export const figures: Reports = {
  filter: { from: '2026-10-05', to: '2026-10-18', scope: 'all' },
  unit: 'week',
  periods: ['2026-10-05', '2026-10-12'],
  refill: {
    total: {
      freed: 20,
      refilled: 15,
      refillRate: 0.75,
      ...split(3, 17, 15),
      medianMinutesToRefill: 200,
      emptyPlaceHoursWhileWaiting: 12.25,
    },
    byBand: [
      { band: 'over_24h', freed: 12, refilled: 11, refillRate: 11 / 12, ...split(1, 11, 11) },
      { band: 'from_2h_to_24h', freed: 6, refilled: 4, refillRate: 4 / 6, ...split(2, 4, 4) },
      { band: 'under_2h', freed: 2, refilled: 0, refillRate: 0, ...split(0, 2, 0) },
    ],
    // The second week freed nothing: its rate is "No data", not 0%.
    byPeriod: [
      { periodStart: '2026-10-05', freed: 20, refilled: 15, refillRate: 0.75 },
      { periodStart: '2026-10-12', freed: 0, refilled: 0, refillRate: null },
    ],
  },
  attendance: {
    total: {
      placesBooked: 1234,
      attended: 1000,
      noShows: 200,
      attendanceRate: 1000 / 1234,
      noShowRate: 200 / 1234,
      lateCancellations: 34,
      walkIns: 7,
    },
    byPeriod: [
      {
        periodStart: '2026-10-05',
        placesBooked: 1200,
        attended: 990,
        noShows: 180,
        attendanceRate: 0.825,
        noShowRate: 0.15,
        lateCancellations: 30,
        walkIns: 5,
      },
      {
        periodStart: '2026-10-12',
        placesBooked: 34,
        attended: 10,
        noShows: 20,
        attendanceRate: 10 / 34,
        noShowRate: 20 / 34,
        lateCancellations: 4,
        walkIns: 2,
      },
    ],
  },
  messages: {
    byChannelAndKind: [
      { channel: 'email', kind: 'reminder', sent: 300, delivered: 290, failed: 10 },
      { channel: 'sms', kind: 'offer', sent: 40, delivered: 37, failed: 3 },
    ],
    replies: [
      { action: 'CANCEL', count: 9 },
      { action: 'YES', count: 5 },
      { action: 'STOP', count: 1 },
    ],
    reminderEffect: {
      withReminder: { placesBooked: 1000, noShows: 100, noShowRate: 0.1 },
      withoutReminder: { placesBooked: 0, noShows: 0, noShowRate: null },
    },
  },
  demand: {
    fillByCourse: [
      {
        courseId: 7,
        courseTitle: 'Incredible Years',
        hubName: 'Riverside <hub>',
        startsOn: '2026-10-06',
        capacity: 12,
        placesBooked: 9,
        fillRate: 0.75,
      },
      {
        courseId: 8,
        courseTitle: '=HYPERLINK("http://evil")',
        hubName: 'Northgate',
        startsOn: null,
        capacity: 0,
        placesBooked: 0,
        fillRate: null,
      },
    ],
    waitingByProgrammeAndHub: [
      { programmeId: 3, programmeTitle: 'Triple P', hubId: 1, hubName: 'Riverside <hub>', familiesWaiting: 6 },
      { programmeId: 3, programmeTitle: 'Triple P', hubId: 2, hubName: 'Northgate', familiesWaiting: 4 },
    ],
    waitedNeverOffered: 3,
    referralsBySource: [
      { source: 'Health visitor', families: 11 },
      { source: '+44 social care', families: 2 },
    ],
  },
}

const allOptions: ReportOptions = {
  hubs: [
    { id: 1, name: 'Riverside <hub>' },
    { id: 2, name: 'Northgate' },
  ],
  programmes: [{ id: 3, title: 'Triple P' }],
  courses: [
    { id: 7, title: 'Incredible Years', hubId: 1, programmeId: 3 },
    { id: 8, title: 'Baby massage', hubId: 2, programmeId: 3 },
  ],
}

export const staff = (role: StaffRole, hubIds: number[] = []): StaffPrincipal => ({
  id: 1,
  name: 'Sam Staff',
  email: 'sam@example.org',
  role,
  hubIds,
})

/** The app on fake services, signed in as `user`, recording what the reports service was asked; its figures are `given`. */
export function reportsApp(user: StaffPrincipal, given: Reports = figures) {
  const asked = { builds: [] as ReportFilter[], scopes: [] as ReportFilter['scope'][] }
  const app = routeTestApp({
    staff: {
      auth: { principal: async () => user },
      // The reports page lists empty places starting soon (none here).
      dashboard: { emptyPlaces: async () => [] },
      reports: {
        options: async (scope: ReportFilter['scope']) => {
          asked.scopes.push(scope)
          // Like the real service: only the hubs in scope, and their courses.
          const inScope = (hubId: number) => scope === 'all' || scope.includes(hubId)
          return {
            ...allOptions,
            hubs: allOptions.hubs.filter((h) => inScope(h.id)),
            courses: allOptions.courses.filter((c) => inScope(c.hubId)),
          }
        },
        build: async (filter: ReportFilter) => {
          asked.builds.push(filter)
          return { ...given, filter }
        },
      },
    },
  })
  return { app, asked }
}
