import autocannon from 'autocannon'

export const CONNECTIONS = 32
const WARM_UP_SECONDS = 2
const MEASURE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 10)

export interface PageLoad {
  url: string
  /** Answers received in the measured seconds (0 means the figures below mean nothing). */
  answered: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

function run(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10 })
}

/** 32 connections for 2 s (thrown away), then 10 s measured. */
export async function loadPage(url: string): Promise<PageLoad> {
  await run(url, WARM_UP_SECONDS)
  const result = await run(url, MEASURE_SECONDS)
  return {
    url,
    answered: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}
