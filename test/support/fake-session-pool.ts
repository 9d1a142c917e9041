import type pg from 'pg'

/**
 * Just enough of a pg.Pool for connect-pg-simple, the session store, to keep sessions in memory:
 * the route harness's apps then have working sessions and CSRF tokens without a database.
 * Any other query fails, so a route that reaches for the database shows up at once.
 */
export function fakeSessionPool(): pg.Pool {
  const sessions = new Map<string, unknown>()
  const rows = (list: unknown[]) => ({ rows: list, rowCount: list.length })
  const query = async (text: string, params: unknown[] = []) => {
    if (/^SELECT sess FROM/i.test(text)) {
      const sid = String(params[0])
      return rows(sessions.has(sid) ? [{ sess: sessions.get(sid) }] : [])
    }
    if (/^INSERT INTO/i.test(text)) {
      sessions.set(String(params[2]), typeof params[0] === 'string' ? JSON.parse(params[0]) : params[0])
      return rows([{ sid: params[2] }])
    }
    if (/^UPDATE .* SET expire/i.test(text)) return rows(sessions.has(String(params[1])) ? [{ sid: params[1] }] : [])
    if (/^DELETE FROM .* WHERE sid/i.test(text)) {
      sessions.delete(String(params[0]))
      return rows([])
    }
    if (/^DELETE FROM .* WHERE expire/i.test(text)) return rows([])
    throw new Error(`The route harness has no database; a route ran: ${text}`)
  }
  return { query, on: () => undefined } as unknown as pg.Pool
}
