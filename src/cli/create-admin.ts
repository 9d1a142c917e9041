import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openDatabase, runMigrations } from '../db/database.js'
import { dataAccess } from '../data/index.js'
import { AuditService } from '../services/staff/audit-service.js'
import { StaffAccountsService } from '../services/staff/accounts-service.js'
import { UnitOfWork } from '../services/unit-of-work.js'
import type { JobQueue } from '../services/job-queue.js'
import { normaliseEmail } from '../services/booking/contact-details.js'

/**
 * `npm run create-admin`: makes the first admin (or another one) from the command line.
 *   npm run create-admin -- --email a@example.org --name "Ash Admin"      (asks for the password)
 * or with ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD in the environment, for scripts. Anything
 * missing is asked for; the password is not echoed. With the embedded database, stop the app
 * first: only one process can open its files.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } })
  const config = loadConfig()
  const email = normaliseEmail(values.email ?? process.env.ADMIN_EMAIL ?? (await ask('Email address: ')))
  if (!email) throw new Error('That is not an email address')
  const name = (values.name ?? process.env.ADMIN_NAME ?? (await ask('Name: '))).trim()
  if (!name) throw new Error('A name is needed')
  const password = values.password ?? process.env.ADMIN_PASSWORD ?? (await ask('Password (at least 12 characters): ', true))

  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel)
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir, poolSize: 2, logger })
  try {
    await runMigrations(database)
    const data = dataAccess(database, config, logger)
    const accounts = new StaffAccountsService(
      new UnitOfWork(database.db, noJobs, logger),
      data.staff.users,
      new AuditService(data.staff.audit),
    )
    const result = await accounts.create({ email, name, role: 'admin', password })
    if (!result.ok) throw new Error(result.message)
    console.log(`Admin account made for ${name} <${email}>. Sign in at ${config.baseUrl}/staff/sign-in`)
  } finally {
    await database.close()
  }
}

/** Making an account starts no job, and this command runs no job system to start one with. */
const noJobs: JobQueue = {
  scheduleOfferExpiry: () => Promise.reject(new Error('create-admin has no job queue')),
  wakeDelivery: () => Promise.reject(new Error('create-admin has no job queue')),
}

async function ask(question: string, secret = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
  if (secret && process.stdin.isTTY) {
    // Print the question, then nothing of what is typed.
    process.stdout.write(question)
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined
    const answer = await rl.question('')
    process.stdout.write('\n')
    rl.close()
    return answer
  }
  const answer = await rl.question(question)
  rl.close()
  return answer
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : `Could not make the admin: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
