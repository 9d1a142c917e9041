/**
 * npm run bench:reminders
 *
 * Schedules 10,000 reminders (5,000 emails and 5,000 texts) due now, runs the real worker (agenda,
 * the delivery job, SMTP and the twilio client) against a local SMTP server and the fake Twilio API,
 * and prints its throughput next to a bare loop of nodemailer and twilio sends to the same servers,
 * in the same run. Uses the PostgreSQL server when DATABASE_URL is set (in a throwaway database
 * made and dropped here), else the embedded database in a temporary folder.
 * `npm run bench` runs the same measurement (bench/reminder-throughput.ts) with 4,000 messages.
 *
 * BENCH_FAMILIES (default 5000) sets the size: two reminders per family.
 */
import { measureReminderThroughput } from './reminder-throughput.js'

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 5000)

async function main(): Promise<void> {
  console.log(`Reminder delivery benchmark: ${FAMILIES * 2} reminders (${FAMILIES} emails, ${FAMILIES} texts)`)
  const r = await measureReminderThroughput(FAMILIES, process.env.DATABASE_URL)
  console.log(`Database:  ${r.mode}`)
  console.log(`Worker:    ${r.messages} messages in ${(r.workerMs / 1000).toFixed(1)} s = ${r.workerPerSecond.toFixed(0)} messages/s`)
  console.log(
    `Bare loop: ${r.messages} messages in ${(r.bareMs / 1000).toFixed(1)} s = ${r.barePerSecond.toFixed(0)} messages/s (${r.lanes} sends in flight)`,
  )
  console.log(
    `Ratio: the worker runs at ${((r.workerPerSecond / r.barePerSecond) * 100).toFixed(0)}% of the bare loop's rate (${(r.barePerSecond / r.workerPerSecond).toFixed(2)}x slower)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
