/**
 * What runs when in the demo, relative to the day the seed runs: ISO weekday (1 Monday ... 7
 * Sunday), the week it starts in (0 = the coming 7 days, negative = already started) and London
 * times. `booked` is the number of confirmed places; 'full' fills the course and puts `waiting`
 * families on its waiting list.
 */
export interface CourseSpec {
  programme: string
  hub: string | null
  weekday: number
  week: number
  sessions: number
  start: string
  end: string
  capacity: number
  booked: number | 'full'
  waiting?: number
  bookingOpen?: boolean
  room?: string
}

export interface DropInSeries {
  programme: string
  hub: string
  weekday: number
  weeks: number[]
  start: string
  end: string
  capacity: number
  /** Confirmed places for each drop-in of the series, in order. */
  booked: Array<number | 'full'>
  room?: string
}

export const demoCourses: CourseSpec[] = [
  {
    programme: 'incredible-years',
    hub: 'foleshill',
    weekday: 2,
    week: 0,
    sessions: 10,
    start: '10:00',
    end: '12:00',
    capacity: 12,
    booked: 'full',
    waiting: 3,
    room: 'Group room 1',
  },
  {
    programme: 'incredible-years',
    hub: 'tile-hill',
    weekday: 4,
    week: 2,
    sessions: 10,
    start: '13:00',
    end: '15:00',
    capacity: 12,
    booked: 4,
    room: 'Meeting room',
  },
  // Started two weeks ago: booking has closed, and facilitators have registers to keep.
  {
    programme: 'incredible-years',
    hub: 'willenhall',
    weekday: 3,
    week: -2,
    sessions: 10,
    start: '10:00',
    end: '12:00',
    capacity: 12,
    booked: 9,
    bookingOpen: false,
    room: 'Family room',
  },
  {
    programme: 'solihull-understanding-your-child',
    hub: 'hillfields',
    weekday: 1,
    week: 0,
    sessions: 10,
    start: '09:30',
    end: '11:30',
    capacity: 14,
    booked: 12,
    room: 'First floor group room',
  },
  {
    programme: 'solihull-understanding-your-child',
    hub: null,
    weekday: 3,
    week: 1,
    sessions: 10,
    start: '19:00',
    end: '21:00',
    capacity: 20,
    booked: 9,
  },
  {
    programme: 'understanding-your-childs-feelings-online',
    hub: null,
    weekday: 2,
    week: 1,
    sessions: 6,
    start: '19:30',
    end: '20:30',
    capacity: 16,
    booked: 5,
  },
  {
    programme: 'baby-massage',
    hub: 'willenhall',
    weekday: 5,
    week: 0,
    sessions: 5,
    start: '10:00',
    end: '11:30',
    capacity: 8,
    booked: 'full',
    waiting: 2,
    room: 'Sensory room',
  },
  {
    programme: 'baby-massage',
    hub: 'canley',
    weekday: 3,
    week: 3,
    sessions: 5,
    start: '13:30',
    end: '15:00',
    capacity: 8,
    booked: 7,
    room: 'Quiet room',
  },
  {
    programme: 'perinatal-mental-health-support-group',
    hub: 'radford',
    weekday: 4,
    week: 1,
    sessions: 6,
    start: '10:00',
    end: '12:00',
    capacity: 10,
    booked: 3,
    room: 'Garden room',
  },
  {
    programme: 'talking-teens',
    hub: 'bell-green',
    weekday: 3,
    week: 2,
    sessions: 6,
    start: '18:00',
    end: '20:00',
    capacity: 12,
    booked: 5,
    room: 'Room 2 (first floor)',
  },
  {
    programme: 'healthy-relationships',
    hub: 'wood-end',
    weekday: 1,
    week: 1,
    sessions: 6,
    start: '13:00',
    end: '15:00',
    capacity: 10,
    booked: 'full',
    waiting: 1,
    room: 'Training room',
  },
  {
    programme: 'understanding-your-child-arabic',
    hub: 'foleshill',
    weekday: 5,
    week: 1,
    sessions: 6,
    start: '13:00',
    end: '15:00',
    capacity: 10,
    booked: 6,
    room: 'Group room 2',
  },
  {
    programme: 'talk-and-play',
    hub: 'tile-hill',
    weekday: 2,
    week: 4,
    sessions: 4,
    start: '13:30',
    end: '15:00',
    capacity: 10,
    booked: 2,
    room: 'Play room',
  },
  {
    programme: 'solihull-practitioner-foundation',
    hub: null,
    weekday: 2,
    week: 3,
    sessions: 4,
    start: '09:30',
    end: '12:30',
    capacity: 25,
    booked: 11,
  },
]

const everyWeek = [0, 1, 2, 3, 4, 5, 6, 7]

export const demoDropIns: DropInSeries[] = [
  {
    programme: 'stay-and-play',
    hub: 'foleshill',
    weekday: 3,
    weeks: everyWeek,
    start: '10:00',
    end: '11:30',
    capacity: 15,
    booked: ['full', 14, 11, 8, 6, 3, 1, 0],
    room: 'Play room',
  },
  {
    programme: 'stay-and-play',
    hub: 'wood-end',
    weekday: 4,
    weeks: everyWeek,
    start: '13:30',
    end: '15:00',
    capacity: 12,
    booked: [10, 'full', 7, 5, 4, 2, 0, 0],
    room: 'Play room',
  },
  {
    programme: 'toilet-training-drop-in',
    hub: 'hillfields',
    weekday: 2,
    weeks: [0, 2, 4, 6],
    start: '13:00',
    end: '14:30',
    capacity: 6,
    booked: ['full', 5, 3, 1],
    room: 'Consulting room',
  },
  {
    programme: 'toilet-training-drop-in',
    hub: 'radford',
    weekday: 5,
    weeks: [1, 3, 5, 7],
    start: '10:00',
    end: '11:30',
    capacity: 6,
    booked: [4, 2, 1, 0],
  },
  {
    programme: 'baby-and-me',
    hub: 'canley',
    weekday: 1,
    weeks: everyWeek,
    start: '10:00',
    end: '11:30',
    capacity: 10,
    booked: [9, 8, 6, 4, 3, 1, 0, 0],
    room: 'Main hall',
  },
  {
    programme: 'esol-friendly-stay-and-play',
    hub: 'hillfields',
    weekday: 5,
    weeks: everyWeek,
    start: '10:00',
    end: '11:30',
    capacity: 12,
    booked: ['full', 9, 7, 5, 3, 2, 0, 0],
    room: 'Ground floor play room',
  },
  {
    programme: 'punjabi-rhyme-time',
    hub: 'foleshill',
    weekday: 4,
    weeks: [0, 2, 4, 6],
    start: '10:00',
    end: '11:00',
    capacity: 12,
    booked: [8, 6, 3, 1],
    room: 'Library corner',
  },
  {
    programme: 'dads-group',
    hub: 'bell-green',
    weekday: 6,
    weeks: [0, 2, 4, 6],
    start: '10:00',
    end: '12:00',
    capacity: 12,
    booked: [7, 5, 2, 0],
  },
]

/** Families waiting for a full drop-in. */
export const DROP_IN_WAITING = 2
