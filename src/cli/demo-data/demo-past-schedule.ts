import type { CourseSpec, DropInSeries } from './demo-schedule.js'

/**
 * The last 12 weeks, for a manager to see a service that has been running: courses that have
 * finished and drop-ins. Nothing here is booked up front: `demand` families ask for a place
 * at their own (simulated) time through the booking service, and what follows (cancellations,
 * offers, registers) is played out by demo-history.ts. Weeks count as in demo-schedule.ts; every
 * course here ends before the seed's day (week + sessions <= 0).
 */
export type PastCourseSpec = Omit<CourseSpec, 'booked' | 'waiting' | 'bookingOpen'> & { demand: number }
export type PastDropInSeries = Omit<DropInSeries, 'booked'> & { demand: number }

export const pastCourses: PastCourseSpec[] = [
  {
    programme: 'incredible-years',
    hub: 'foleshill',
    weekday: 2,
    week: -12,
    sessions: 10,
    start: '10:00',
    end: '12:00',
    capacity: 12,
    demand: 19,
    room: 'Group room 1',
  },
  {
    programme: 'baby-massage',
    hub: 'canley',
    weekday: 3,
    week: -12,
    sessions: 5,
    start: '13:30',
    end: '15:00',
    capacity: 8,
    demand: 12,
    room: 'Quiet room',
  },
  {
    programme: 'talking-teens',
    hub: 'bell-green',
    weekday: 3,
    week: -10,
    sessions: 6,
    start: '18:00',
    end: '20:00',
    capacity: 10,
    demand: 12,
    room: 'Room 2 (first floor)',
  },
  {
    programme: 'understanding-your-childs-feelings-online',
    hub: null,
    weekday: 2,
    week: -8,
    sessions: 6,
    start: '19:30',
    end: '20:30',
    capacity: 12,
    demand: 10,
  },
]

const everyOtherWeek = [-12, -10, -8, -6, -4, -2]

/**
 * Fewer drop-ins than the coming weeks have (two, every other week, taking turns): each booking here is played through the services
 * (about a dozen queries each), and the first start on the embedded database must stay quick.
 */
export const pastDropIns: PastDropInSeries[] = [
  {
    programme: 'stay-and-play',
    hub: 'foleshill',
    weekday: 3,
    weeks: everyOtherWeek.map((week) => week + 1),
    start: '10:00',
    end: '11:30',
    capacity: 8,
    demand: 8,
    room: 'Play room',
  },
  {
    programme: 'baby-and-me',
    hub: 'canley',
    weekday: 1,
    weeks: everyOtherWeek,
    start: '10:00',
    end: '11:30',
    capacity: 8,
    demand: 7,
    room: 'Main hall',
  },
]
