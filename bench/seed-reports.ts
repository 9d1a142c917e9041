import type pg from 'pg'

/** The size of the city the reports benchmark fills in. */
export interface CitySize {
  hubs: number
  families: number
  /** Courses starting per hub per week, over `weeks` weeks up to four weeks from now. */
  coursesPerHubPerWeek: number
  weeks: number
  sessionsPerCourse: number
  bookingsPerCourse: number
}

export const defaultCity: CitySize = {
  hubs: 50,
  families: 20_000,
  coursesPerHubPerWeek: 1,
  weeks: 104,
  sessionsPerCourse: 6,
  bookingsPerCourse: 48,
}

/**
 * Two years of a city's history in set-based SQL (generate_series, seeded random()): hubs,
 * programmes, families, courses with weekly sessions, bookings in every status, the register,
 * reminders and other messages, text replies and freed places. Not realistic in detail; realistic
 * in size and in the mix the report queries have to sort through.
 */
export async function seedCity(client: pg.Client, size: CitySize): Promise<Record<string, number>> {
  const q = (text: string) => client.query(text)
  await q(`select setseed(0.42)`)
  await q(`insert into hubs (slug, name, address_lines, postcode, phone, opening_hours)
    select 'hub-' || i, 'Family Hub ' || i, array['1 High Street'], 'CV1 1AA', '024 7600 0000', '9 to 5' from generate_series(1, ${size.hubs}) i`)
  await q(`insert into programmes (slug, title, summary, description, topics)
    select 'programme-' || i, 'Programme ' || i, 'Summary', 'Description', array['play'] from generate_series(1, 10) i`)
  await q(`insert into families (parent_name, email, contact_by_email, referred_by)
    select 'Parent ' || i, 'family' || i || '@example.com', true,
      (array['health_visitor', 'self', 'school', 'social_worker', null])[1 + (i % 5)]
    from generate_series(1, ${size.families}) i`)
  // Courses start on a weekday at 10:00 London time, week by week, ending four weeks from now.
  await q(`insert into courses (programme_id, kind, hub_id, capacity)
    select 1 + ((h * 7 + w + k) % 10), 'course', h, 40
    from generate_series(1, ${size.hubs}) h, generate_series(0, ${size.weeks - 1}) w, generate_series(1, ${size.coursesPerHubPerWeek}) k`)
  await q(`create temporary table course_start as
    select c.id as course_id,
      ((date_trunc('week', now() at time zone 'Europe/London') - make_interval(weeks => ${size.weeks - 4})
        + make_interval(weeks => (row_number() over (partition by c.hub_id order by c.id))::int - 1, days => (c.id % 5)::int, hours => 10))
        at time zone 'Europe/London') as first_start
    from courses c`)
  await q(`insert into sessions (course_id, starts_at, ends_at, hub_id)
    select cs.course_id, cs.first_start + make_interval(weeks => n), cs.first_start + make_interval(weeks => n, hours => 2), c.hub_id
    from course_start cs join courses c on c.id = cs.course_id, generate_series(0, ${size.sessionsPerCourse - 1}) n`)
  // One session in fifty is cancelled.
  await q(`update sessions set cancelled_at = starts_at - interval '3 days' where id % 50 = 0`)
  // Bookings: by their place in the course's list, 30 confirmed (some later cancelled), then
  // offers turned down or run out, families who left the queue, and families still waiting.
  await q(`insert into bookings (reference, course_id, family_id, status, source, manage_nonce, manage_token_hash,
      waitlist_joined_at, offered_at, offer_expires_at, confirmed_at, ended_at, created_at)
    select 'B' || c.id || '-' || k, c.id, 1 + floor(random() * ${size.families})::int,
      case when k <= 24 then 'confirmed' when k <= 30 then 'cancelled' when k <= 33 then 'declined' when k <= 35 then 'expired'
        when k <= 38 then 'left_waiting_list' else 'waiting' end,
      case when k % 11 = 0 then 'walk_in' when k % 4 = 0 then 'reception' else 'online' end,
      md5('n' || c.id || '-' || k), md5('h' || c.id || '-' || k),
      case when k > 30 then cs.first_start - interval '20 days' end,
      case when k between 31 and 35 then cs.first_start - interval '5 days' end,
      case when k between 31 and 35 then cs.first_start - interval '4 days' end,
      case when k <= 30 then cs.first_start - make_interval(days => 30 - k) end,
      case when k between 25 and 30 then cs.first_start - make_interval(hours => (random() * 400)::int - 24)
        when k between 31 and 35 then cs.first_start - interval '4 days' end,
      cs.first_start - interval '30 days'
    from courses c join course_start cs on cs.course_id = c.id, generate_series(1, ${size.bookingsPerCourse}) k`)
  await q(`insert into attendance (booking_id, session_id, status)
    select b.id, s.id, case when r < 0.8 then 'attended' when r < 0.95 then 'did_not_attend' else 'cancelled_late' end
    from (select b.id, b.course_id, random() as r from bookings b where b.status = 'confirmed') b
    join sessions s on s.course_id = b.course_id and s.ends_at < now() and s.cancelled_at is null
    where b.r < 0.97`)
  await q(`insert into notifications (dedupe_key, booking_id, session_id, channel, kind, recipient, state, due_at, sent_at, delivered_at)
    select 'r:' || b.id || ':' || s.id, b.id, s.id, ch, 'reminder_' || ch || '_' || case when ch = 'sms' then '3h' else '48h' end, 'x',
      case when random() < 0.93 then (case when ch = 'sms' then 'delivered' else 'sent' end) else 'failed' end,
      s.starts_at - interval '48 hours', s.starts_at - interval '48 hours', null
    from bookings b join sessions s on s.course_id = b.course_id and s.starts_at < now() + interval '2 days',
      lateral (select case when b.id % 3 = 0 then 'sms' else 'email' end as ch) channel
    where b.status in ('confirmed', 'cancelled') and b.id % 5 <> 0`)
  await q(`insert into notifications (dedupe_key, booking_id, channel, kind, recipient, state, due_at, sent_at)
    select 'c:' || b.id, b.id, 'email', case when b.status = 'waiting' then 'waitlist_joined' else 'booking_confirmed' end, 'x', 'sent', b.created_at, b.created_at
    from bookings b`)
  await q(`insert into inbound_messages (from_phone, body, action, details, received_at)
    select '+447700900000', 'CANCEL', (array['cancelled_booking', 'accepted_offer', 'opted_out', 'nothing_to_cancel'])[1 + i % 4],
      jsonb_build_object('bookingId', 1 + (i * 37) % (select count(*) from bookings)), now() - make_interval(hours => i)
    from generate_series(1, 20000) i`)
  // Places freed by the cancellations, offers turned down and run out; most refilled.
  await q(`insert into freed_places (course_id, booking_id, reason, freed_at, starts_at, families_waiting, refilled_at, refilled_by_booking_id)
    select b.course_id, b.id, b.status, b.ended_at, cs.first_start, (b.id % 4)::int,
      case when b.id % 3 <> 0 then b.ended_at + make_interval(mins => (b.id % 600)::int) end, null
    from bookings b join course_start cs on cs.course_id = b.course_id
    where b.status in ('cancelled', 'declined', 'expired') and b.ended_at < cs.first_start
      and (b.id % 3 = 0 or b.ended_at + make_interval(mins => (b.id % 600)::int) < cs.first_start)`)
  // As autovacuum would in time: the visibility map lets index-only scans skip the table.
  await q(`vacuum analyze`)
  const counts: Record<string, number> = {}
  for (const table of [
    'hubs',
    'families',
    'courses',
    'sessions',
    'bookings',
    'attendance',
    'notifications',
    'inbound_messages',
    'freed_places',
  ]) {
    const result = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)
    counts[table] = result.rows[0]!.n
  }
  return counts
}
