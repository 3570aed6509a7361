// Ingest benchmark: EVENTS Segment messages through POST /v1/batch (BATCH per request, CONCURRENCY
// connections) into a `touchstone serve` child process on embedded stores (ack after durable), and
// in the same run the raw insert rate of the same rows straight into the event store.
//   node --import tsx bench/ingest.ts            (EVENTS=1000000 BATCH=100 CONCURRENCY=16)
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Pool } from 'undici'
import { openEventStore } from '../packages/server/src/stores/events/open-event-store.ts'
import { toEventRow, validateMessage } from '../packages/server/src/ingest/to-event-row.ts'
import type { SegmentMessage } from '../packages/server/src/ingest/segment-message.ts'
import type { EventRow } from '../packages/server/src/stores/events/event-row.ts'
import { benchMessage } from './ingest-payloads.ts'

const EVENTS = Number(process.env.EVENTS ?? 1_000_000)
const BATCH = Number(process.env.BATCH ?? 100)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16)
const RAW_BATCH = 10_000
const BIN = new URL('../packages/server/bin/touchstone.js', import.meta.url).pathname

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function rawInsertRate(runId: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-raw-'))
  const store = await openEventStore({ dir })
  try {
    const personId = '5f0c3c0e-8a57-4d43-9d8b-2a1c3f1b0a01'
    let elapsed = 0
    for (let start = 0; start < EVENTS; start += RAW_BATCH) {
      const rows: EventRow[] = []
      for (let n = start; n < Math.min(EVENTS, start + RAW_BATCH); n++) {
        const m = benchMessage(n, runId) as SegmentMessage
        const valid = validateMessage(m.type as 'track', m, () => false)
        if ('code' in valid) throw new Error(valid.message)
        rows.push(
          toEventRow(valid, personId, m.messageId as string, {
            workspaceId: 'bench',
            receivedAt: Date.now(),
            batchSentAt: undefined,
            batchContext: undefined,
            source: 'api',
          }),
        )
      }
      const t0 = performance.now()
      await store.write({ events: rows, identities: [], merges: [] })
      elapsed += performance.now() - t0
    }
    return EVENTS / (elapsed / 1000)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function httpRate(runId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-http-'))
  const created = spawnSync(process.execPath, [BIN, 'workspace', 'create', 'Bench', '--data', dir], {
    encoding: 'utf8',
  })
  const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1]
  if (!writeKey) throw new Error(`workspace create failed: ${created.stderr}`)
  // SERVER_NODE_ARGS (e.g. "--cpu-prof") lets a profiler look at the server under this load.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(
    process.execPath,
    [...nodeArgs, BIN, 'serve', '--data', dir, '--port', '0', '--no-demo'],
    {
      env: { LOG_LEVEL: 'warn', ...process.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      if (process.env.BENCH_VERBOSE) process.stderr.write(d)
      out += d.toString()
      const m = /running at (http:\/\/\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  const rssBefore = Number(
    spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim(),
  )
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 })
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const start = next
        if (start >= EVENTS) return
        next += BATCH
        const batch = []
        for (let n = start; n < Math.min(EVENTS, start + BATCH); n++) batch.push(benchMessage(n, runId))
        const body = JSON.stringify({ batch, sentAt: new Date().toISOString() })
        const r0 = performance.now()
        const res = await pool.request({
          path: '/v1/batch',
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body,
        })
        await res.body.text()
        latencies.push(performance.now() - r0)
        if (res.statusCode !== 200) errors++
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const rssAfter = Number(
    spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim(),
  )
  await pool.close()
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  rmSync(dir, { recursive: true, force: true })
  latencies.sort((a, b) => a - b)
  return {
    rate: EVENTS / seconds,
    seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    rssBefore,
    rssAfter,
  }
}

const runId = Date.now().toString(36)
console.log(
  `ingest benchmark: ${EVENTS.toLocaleString('en')} events, ${BATCH} per request, ${CONCURRENCY} connections`,
)
const raw = await rawInsertRate(runId)
console.log(
  `raw event-store insert (${RAW_BATCH}-row batches): ${Math.round(raw).toLocaleString('en')} events/s`,
)
const http = await httpRate(runId)
console.log(
  `HTTP /v1/batch, ack after durable:      ${Math.round(http.rate).toLocaleString('en')} events/s (${http.seconds.toFixed(1)} s)`,
)
console.log(
  `request latency:                         p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms`,
)
console.log(`errors:                                  ${http.errors}`)
console.log(
  `server RSS:                              ${Math.round(http.rssBefore / 1024)} MB → ${Math.round(http.rssAfter / 1024)} MB`,
)
console.log(`ratio end-to-end / raw:                  ${(http.rate / raw).toFixed(2)}`)
