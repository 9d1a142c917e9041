import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const CLIENTS = 32
const SECONDS = 10

export interface LockReference {
  transactionsPerSecond: number
  /** 'pgbench', or 'node' when pgbench is not installed. */
  tool: string
}

const TRANSACTION = [
  'BEGIN;',
  'SELECT n FROM bench_lock WHERE id = 1 FOR UPDATE;',
  'UPDATE bench_lock SET n = n + 1 WHERE id = 1;',
  'COMMIT;',
]

/**
 * PostgreSQL's rate for the booking's hardest part: many clients taking the same one-row lock,
 * updating it and committing (as every booking on one course locks that course's row). 32 clients,
 * 10 s, on a scratch table in the throwaway database.
 */
export async function measureLockReference(databaseUrl: string): Promise<LockReference> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('create table bench_lock (id int primary key, n bigint not null)')
    await client.query('insert into bench_lock values (1, 0)')
  } finally {
    await client.end()
  }
  const pgbench = spawnSync('pgbench', ['--version'], { encoding: 'utf8' })
  return pgbench.status === 0 ? withPgbench(databaseUrl) : withNode(databaseUrl)
}

function withPgbench(databaseUrl: string): LockReference {
  const dir = mkdtempSync(join(tmpdir(), 'fh-bench-lock-'))
  try {
    const script = join(dir, 'lock.sql')
    writeFileSync(script, TRANSACTION.join('\n') + '\n')
    const run = spawnSync('pgbench', ['-n', '-f', script, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), databaseUrl], {
      encoding: 'utf8',
      timeout: (SECONDS + 60) * 1000,
    })
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)
    if (run.status !== 0 || !match) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
    return { transactionsPerSecond: Number(match[1]), tool: 'pgbench' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function withNode(databaseUrl: string): Promise<LockReference> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS })
  try {
    const deadline = Date.now() + SECONDS * 1000
    let done = 0
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = await pool.connect()
        try {
          while (Date.now() < deadline) {
            for (const statement of TRANSACTION) await c.query(statement)
            done++
          }
        } finally {
          c.release()
        }
      }),
    )
    return { transactionsPerSecond: done / SECONDS, tool: 'node (pgbench not installed)' }
  } finally {
    await pool.end()
  }
}
