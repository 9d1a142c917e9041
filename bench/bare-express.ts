/**
 * The reference for page throughput: a bare Express 5 route answering "hello", in its own process,
 * with the same NODE_ENV as the app. Started by bench/index.ts with PORT set; loopback only.
 */
import express from 'express'

const app = express()
app.get('/', (_req, res) => {
  res.send('hello')
})
app.listen(Number(process.env.PORT), '127.0.0.1', (error?: Error) => {
  if (error) throw error
})
// Never outlives the benchmark, even if it is not told to stop.
setTimeout(() => process.exit(0), Number(process.env.BARE_MAX_SECONDS ?? 900) * 1000).unref()
process.on('SIGTERM', () => process.exit(0))
