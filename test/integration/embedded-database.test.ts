import { expect } from 'chai'
import { join } from 'node:path'
import { testDatabase } from '../support/root-hooks.js'
import { RawPostgresConnection } from '../support/raw-postgres.js'

/**
 * The embedded database serves one PGlite to many pooled connections through pglite-socket's
 * multiplexer, which on its own interleaves two connections' parameterised queries outside a
 * transaction (upstream electric-sql/pglite#1046). src/db/keep-queries-together.ts keeps each
 * query's Parse ... Sync together.
 */
describe('embedded database with many connections', function () {
  before(function () {
    if (testDatabase().mode !== 'embedded') this.skip()
  })

  it("keeps one connection's query together while another connection's query arrives in the middle", async () => {
    const socketPath = join(testDatabase().dataDir, '.s.PGSQL.5432')
    const first = await RawPostgresConnection.open(socketPath)
    const second = await RawPostgresConnection.open(socketPath)
    try {
      first.parse('select ($1::int + 1)::text as v')
      // The second connection's whole query arrives before the first one's Bind.
      second.parse("select 'second: ' || $1::text as v")
      second.bindExecuteSync(['hello'])
      await new Promise((resolve) => setTimeout(resolve, 200))
      first.bindExecuteSync(['41'])
      const [firstResult, secondResult] = await Promise.all([first.readUntilReady(), second.readUntilReady()])
      expect(firstResult).to.deep.equal({ values: ['42'] })
      expect(secondResult).to.deep.equal({ values: ['second: hello'] })
    } finally {
      first.close()
      second.close()
    }
  })

  it('answers many concurrent parameterised queries from the pool, each with its own rows', async () => {
    const { pool } = testDatabase()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, k) => pool.query<{ k: number; s: string }>('select $1::int as k, $2::text as s', [k, `value-${k}`])),
    )
    results.forEach((result, k) => expect(result.rows[0]).to.deep.equal({ k, s: `value-${k}` }))
  })
})
