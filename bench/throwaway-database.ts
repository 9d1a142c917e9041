import pg from 'pg'

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface ThrowawayDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/**
 * A new, empty database on the server named by `serverUrl`, for one benchmark run. drop() is safe to
 * call twice and forces other sessions off (a web process that did not stop in time must not keep it).
 */
export async function createThrowawayDatabase(serverUrl: string, prefix = 'fh_bench'): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  let dropped = false
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return
      dropped = true
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      try {
        await dropper.query(`drop database if exists ${name} with (force)`)
      } finally {
        await dropper.end()
      }
    },
  }
}
