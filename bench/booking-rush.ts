import pg from 'pg'
import { paths } from '../src/paths.js'
import { VirtualBrowser, hiddenFields } from './virtual-browser.js'

const BROWSERS = Number(process.env.BENCH_RUSH_BROWSERS ?? 1000)
const CAPACITY = 20
/** Browsers walking the journey at the same time while they get ready (not measured). */
const PREPARING_AT_ONCE = 32

export interface BookingRush {
  courseId: number
  /** Whether the course came from the demo data or was made in SQL for the run. */
  courseSource: 'demo data' | 'made in SQL'
  browsers: number
  capacity: number
  /** Confirmed bookings on the course afterwards, counted in SQL; must equal capacity. */
  booked: number
  waitingList: number
  /** "302 confirmation", "302 full", "500", ... with how many submits got each. */
  outcomes: Record<string, number>
  /** The first answer to arrive: p50 close to p99 with a late first answer means they all finish together. */
  fastestMs: number
  p50Ms: number
  p99Ms: number
  submitsPerSecond: number
  seconds: number
}

/** An open 20-place course with no bookings: one from the demo data, else one made here in SQL. */
async function rushCourse(client: pg.Client): Promise<{ id: number; source: BookingRush['courseSource'] }> {
  const found = await client.query<{ id: number }>(`
    select c.id from courses c join programmes p on p.id = c.programme_id
    where c.capacity = ${CAPACITY} and c.places_taken = 0 and c.booking_open and c.cancelled_at is null and p.booking_mode = 'open'
      and not exists (select 1 from bookings b where b.course_id = c.id)
      and (select min(s.starts_at) from sessions s where s.course_id = c.id) > now() + interval '1 day'
    order by c.id limit 1`)
  if (found.rows[0]) return { id: found.rows[0].id, source: 'demo data' }
  const made = await client.query<{ id: number }>(`
    insert into courses (programme_id, kind, hub_id, capacity, booking_open)
    select c.programme_id, c.kind, c.hub_id, ${CAPACITY}, true from courses c join programmes p on p.id = c.programme_id
    where p.booking_mode = 'open' and c.hub_id is not null order by c.id limit 1
    returning id`)
  const id = made.rows[0]!.id
  await client.query(
    `insert into sessions (course_id, starts_at, ends_at) values ($1, now() + interval '14 days', now() + interval '14 days 2 hours')`,
    [id],
  )
  return { id, source: 'made in SQL' }
}

/** Walks one browser from "Book a place" to "Check your answers"; returns the confirm form's fields. */
async function prepare(browser: VirtualBrowser, courseId: number, n: number): Promise<Record<string, string>> {
  const start = await browser.get(paths.booking.start(courseId))
  if (start.status !== 302 || start.location !== paths.booking.yourDetails(courseId))
    throw new Error(`start answered ${start.status} to ${start.location}`)
  await browser.submitForm(paths.booking.yourDetails(courseId), {
    fullName: `Rush Parent ${n}`,
    email: `rush-${n}@bench.example`,
    phone: '',
  })
  await browser.submitForm(paths.booking.contact(courseId), { contactBy: ['email'] })
  await browser.submitForm(paths.booking.children(courseId), { addChild: 'no' })
  const last = await browser.submitForm(paths.booking.support(courseId), { support: 'none' })
  if (last.location !== paths.booking.check(courseId)) throw new Error(`support went to ${last.location}, not check your answers`)
  const check = await browser.get(paths.booking.check(courseId))
  if (check.status !== 200) throw new Error(`check your answers answered ${check.status}`)
  const fields = hiddenFields(check.html)
  if (!fields._csrf || !fields.requestKey) throw new Error('no confirm form on check your answers')
  return fields
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN

/**
 * 1,000 browsers, each with its own session, walk the whole journey (GET for the CSRF token, POST,
 * follow the redirect) up to "Check your answers"; then all press "Book your place" at once.
 */
export async function bookingRush(webUrl: string, databaseUrl: string): Promise<BookingRush> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { id: courseId, source: courseSource } = await rushCourse(client)
    // A family each: addresses from the IPv6 documentation prefix, as X-Forwarded-For.
    const browsers = Array.from({ length: BROWSERS }, (_, i) => new VirtualBrowser(webUrl, `2001:db8::${(i + 1).toString(16)}`))
    const forms: Record<string, string>[] = new Array<Record<string, string>>(BROWSERS)
    let next = 0
    await Promise.all(
      Array.from({ length: PREPARING_AT_ONCE }, async () => {
        while (next < BROWSERS) {
          const n = next++
          forms[n] = await prepare(browsers[n]!, courseId, n)
        }
      }),
    )

    const latencies: number[] = []
    const outcomes: Record<string, number> = {}
    const started = performance.now()
    await Promise.all(
      browsers.map(async (browser, n) => {
        const sent = performance.now()
        let outcome: string
        try {
          const answer = await browser.post(paths.booking.check(courseId), forms[n]!)
          const where = answer.location?.split('/').pop()
          outcome = answer.status === 302 ? `302 ${where}` : String(answer.status)
        } catch (error) {
          outcome = `error ${error instanceof Error ? error.name : 'unknown'}`
        }
        latencies.push(performance.now() - sent)
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      }),
    )
    const seconds = (performance.now() - started) / 1000
    latencies.sort((a, b) => a - b)

    const counts = await client.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from bookings where course_id = $1 group by status',
      [courseId],
    )
    const count = (status: string) => counts.rows.find((row) => row.status === status)?.n ?? 0
    return {
      courseId,
      courseSource,
      browsers: BROWSERS,
      capacity: CAPACITY,
      booked: count('confirmed'),
      waitingList: count('waiting'),
      outcomes,
      fastestMs: latencies[0] ?? NaN,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      submitsPerSecond: BROWSERS / seconds,
      seconds,
    }
  } finally {
    await client.end()
  }
}
