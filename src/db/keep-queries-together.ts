import type { PGlite } from '@electric-sql/pglite'

const PARSE = 0x50 // 'P'
const BIND = 0x42 // 'B'
const DESCRIBE = 0x44 // 'D'
const EXECUTE = 0x45 // 'E'
const CLOSE = 0x43 // 'C'
const FLUSH = 0x48 // 'H'
const EXTENDED_QUERY_PARTS = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH])

/**
 * pglite-socket's multiplexer runs each protocol message from any connection as it comes, keeping
 * a connection's messages together only inside a transaction (it asks PGlite isInTransaction()).
 * node-postgres sends every parameterised query as Parse, Bind, Describe, Execute, Sync, so two
 * connections' queries could interleave: one connection's Bind met the other's unnamed statement
 * (upstream electric-sql/pglite#1046: "bind message supplies 9000 parameters, but prepared
 * statement requires 1", or the wrong rows).
 *
 * This wraps the PGlite handed to the socket server so that, from a Parse until its Sync, it also
 * reports "in a transaction": the multiplexer then serves only that connection until the sequence
 * ends. If that connection goes away mid-sequence, the multiplexer's own clean-up (a ROLLBACK and
 * forgetting the connection) lets the others go on.
 */
export function keepExtendedQueriesTogether(pglite: PGlite): PGlite {
  let sequenceOpen = false
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'isInTransaction') return () => sequenceOpen || target.isInTransaction()
      if (property === 'execProtocolRawStream') {
        return async (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          // A startup message begins with its length, not a type byte; it never opens a sequence.
          sequenceOpen = EXTENDED_QUERY_PARTS.has(message[0] ?? 0)
          return target.execProtocolRawStream(message, options)
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}
