// Soak test: a `touchstone serve` child process on a fresh data folder takes ingestion at half
// its measured maximum, while dashboard/API queries run against the growing data, for a fixed
// time. Floor: 0 errors, 0 events lost (stored = acknowledged), RSS growth < 20 % after warm-up.
//   npm run bench:soak                              (5 minutes, rate = half the measured max)
//   npm run bench:soak -- --duration 60 --rate 4000 (events/s; skips the max measurement)
// Other knobs: --measure 20 (s of max measurement), --batch 100, --senders 16, --queriers 2.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { openEventStore } from '../packages/server/src/stores/events/open-event-store.ts'
import { benchMessage } from './ingest-payloads.ts'

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.SOAK_SECONDS ?? '300' },
    rate: { type: 'string' },
    measure: { type: 'string', default: '20' },
    batch: { type: 'string', default: '100' },
    senders: { type: 'string', default: '16' },
    queriers: { type: 'string', default: '2' },
  },
})
const DURATION_S = Number(args.duration)
const MEASURE_S = Number(args.measure)
const BATCH = Number(args.batch)
const SENDERS = Number(args.senders)
const QUERIERS = Number(args.queriers)
const WARMUP_S = Math.min(30, DURATION_S / 10)
const BIN = new URL('../packages/server/bin/touchstone.js', import.meta.url).pathname
const runId = Date.now().toString(36)

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

function rssMb(pid: number): number {
  const kb = Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim())
  return kb / 1024
}

/** A bench message stamped now, so the dashboard's default time ranges see it. */
function message(n: number): Record<string, unknown> {
  return { ...benchMessage(n, runId), timestamp: new Date().toISOString() }
}

interface Tally {
  acked: number
  errors: number
  errorSamples: string[]
  latencies: number[]
}

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dir, '--port', '0', '--no-demo'], {
    // The query loops share one key: far above the default 600 /api requests per minute per key.
    env: { LOG_LEVEL: 'warn', TOUCHSTONE_API_RATE_LIMIT: '0', ...process.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /running at (http:\/\/\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  return { child, url }
}

let next = 0

async function sendBatch(pool: Pool, auth: string, tally: Tally): Promise<void> {
  const batch = []
  for (let i = 0; i < BATCH; i++) batch.push(message(next++))
  const t0 = performance.now()
  try {
    const res = await pool.request({
      path: '/v1/batch',
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ batch }),
    })
    const text = await res.body.text()
    tally.latencies.push(performance.now() - t0)
    if (res.statusCode === 200) tally.acked += (JSON.parse(text) as { accepted: number }).accepted
    else {
      tally.errors++
      if (tally.errorSamples.length < 5) tally.errorSamples.push(`${res.statusCode} ${text.slice(0, 200)}`)
    }
  } catch (error) {
    tally.errors++
    if (tally.errorSamples.length < 5) tally.errorSamples.push(String(error))
  }
}

/** Closed loop, as fast as the server answers: the maximum ingest rate. */
async function measureMax(pool: Pool, auth: string, tally: Tally): Promise<number> {
  const end = performance.now() + MEASURE_S * 1000
  const before = tally.acked
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (performance.now() < end) await sendBatch(pool, auth, tally)
    }),
  )
  return (tally.acked - before) / ((performance.now() - t0) / 1000)
}

/** Open loop: batch k is due at t0 + k·BATCH/rate, whatever the latency of the others. */
async function sustain(pool: Pool, auth: string, rate: number, tally: Tally, until: number): Promise<number> {
  const t0 = performance.now()
  let k = 0
  let late = 0
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (;;) {
        const due = t0 + ((k++ * BATCH) / rate) * 1000
        if (due >= until) return
        const wait = due - performance.now()
        if (wait < -1000) late++
        await sleep(wait)
        await sendBatch(pool, auth, tally)
      }
    }),
  )
  return late
}

const QUERIES = [
  '/api/journey/stages',
  '/api/touchpoints/matrix',
  '/api/metrics/nps',
  '/api/lifecycle/states',
  '/api/persons?identifier=',
]

/** Dashboard-like reads against the growing data, one after the other per querier. */
async function query(pool: Pool, secretKey: string, tally: Tally, until: number): Promise<void> {
  let i = 0
  while (performance.now() < until) {
    let path = QUERIES[i++ % QUERIES.length] as string
    if (path.endsWith('=')) path += encodeURIComponent(`anon-${runId}-${i % 1000}`)
    const t0 = performance.now()
    try {
      const res = await pool.request({
        path,
        method: 'GET',
        headers: { authorization: `Bearer ${secretKey}` },
      })
      const text = await res.body.text()
      tally.latencies.push(performance.now() - t0)
      // 404: that person has not arrived yet; anything else but 200 is an error.
      if (res.statusCode !== 200 && res.statusCode !== 404) {
        tally.errors++
        if (tally.errorSamples.length < 5)
          tally.errorSamples.push(`${path} ${res.statusCode} ${text.slice(0, 200)}`)
      } else tally.acked++
    } catch (error) {
      tally.errors++
      if (tally.errorSamples.length < 5) tally.errorSamples.push(`${path} ${String(error)}`)
    }
    await sleep(250)
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const done = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await done
}

const dir = mkdtempSync(join(tmpdir(), 'touchstone-soak-'))
const created = spawnSync(process.execPath, [BIN, 'workspace', 'create', 'Soak', '--data', dir], {
  encoding: 'utf8',
})
const workspaceId = /workspace_id=(\S+)/.exec(created.stdout)?.[1]
const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1]
const secretKey = /secret_key=(\S+)/.exec(created.stdout)?.[1]
if (!workspaceId || !writeKey || !secretKey) throw new Error(`workspace create failed: ${created.stderr}`)
const { child, url } = await startServer(dir)
const pool = new Pool(url, { connections: SENDERS + QUERIERS, pipelining: 1 })
const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
const ingest: Tally = { acked: 0, errors: 0, errorSamples: [], latencies: [] }
const reads: Tally = { acked: 0, errors: 0, errorSamples: [], latencies: [] }

let rate = Number(args.rate)
if (!args.rate) {
  const max = await measureMax(pool, auth, ingest)
  rate = Math.round(max / 2)
  console.log(`max ingest (closed loop, ${MEASURE_S} s, ${SENDERS} connections): ${Math.round(max)} events/s`)
}
ingest.latencies = []
console.log(`soak: ${rate} events/s for ${DURATION_S} s, ${QUERIERS} concurrent query loops, batch ${BATCH}`)

const soakStart = performance.now()
const until = soakStart + DURATION_S * 1000
const ackedBefore = ingest.acked
let rssStart = NaN
const rssSamples: number[] = []
const sampler = (async () => {
  await sleep(WARMUP_S * 1000)
  rssStart = rssMb(child.pid as number)
  while (performance.now() < until) {
    rssSamples.push(rssMb(child.pid as number))
    await sleep(5000)
  }
})()
const [late] = await Promise.all([
  sustain(pool, auth, rate, ingest, until),
  ...Array.from({ length: QUERIERS }, () => query(pool, secretKey, reads, until)),
  sampler,
])
const seconds = (performance.now() - soakStart) / 1000
const rssEnd = rssMb(child.pid as number)
await pool.close()
await stop(child)

// The server is stopped: open its event store directly and count what is there.
const store = await openEventStore({ dir: join(dir, 'events') })
const stored = await store.countEvents(workspaceId)
await store.close()
rmSync(dir, { recursive: true, force: true })

ingest.latencies.sort((a, b) => a - b)
reads.latencies.sort((a, b) => a - b)
const growth = (rssEnd - rssStart) / rssStart
const lost = ingest.acked - stored
const errors = ingest.errors + reads.errors
console.log(
  `sustained:        ${Math.round((ingest.acked - ackedBefore) / seconds)} events/s over ${seconds.toFixed(0)} s (${late} batches > 1 s late)`,
)
console.log(
  `ingest latency:   p50 ${quantile(ingest.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(ingest.latencies, 0.99).toFixed(1)} ms (${ingest.latencies.length} requests of ${BATCH})`,
)
console.log(
  `query latency:    p50 ${quantile(reads.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(reads.latencies, 0.99).toFixed(1)} ms (${reads.latencies.length} queries)`,
)
console.log(
  `errors:           ${errors}${errors ? ` e.g. ${[...ingest.errorSamples, ...reads.errorSamples].join(' | ')}` : ''}`,
)
console.log(`acknowledged:     ${ingest.acked} events, stored ${stored}, lost ${lost}`)
console.log(
  `server RSS:       ${rssStart.toFixed(0)} MB after ${WARMUP_S.toFixed(0)} s warm-up → ${rssEnd.toFixed(0)} MB (${(growth * 100).toFixed(1)} %), max ${Math.max(...rssSamples, rssEnd).toFixed(0)} MB`,
)
const ok = errors === 0 && lost === 0 && growth < 0.2
console.log(ok ? 'soak: PASS' : 'soak: FAIL (floor: 0 errors, 0 lost, RSS growth < 20 %)')
process.exitCode = ok ? 0 : 1
