// Analytics benchmark: generates EVENTS events of PERSONS persons (deterministic, inside the
// engine; see analytics-data.ts) into an embedded event store, then prints the median latency of
// each analysis as the API runs it (SQL + the pure model), RUNS times each.
//   node --import tsx bench/analytics.ts        (EVENTS=10000000 PERSONS=200000 RUNS=5)
// BENCH_DIR=… keeps the data folder between runs (generated once, reused when the count matches).
// ONLY=persona,clv runs just the analyses whose name contains one of those words.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_STAGE_RULES } from '../packages/core/src/journey/index.ts'
import { parseRange } from '../packages/server/src/analytics/analytics-params.ts'
import { attribution } from '../packages/server/src/analytics/attribution-query.ts'
import { fitClv } from '../packages/server/src/analytics/clv-service.ts'
import { funnel } from '../packages/server/src/analytics/funnel-query.ts'
import { stageDistribution, stageTransitions } from '../packages/server/src/analytics/journey-queries.ts'
import { paths } from '../packages/server/src/analytics/path-query.ts'
import { personFeatures } from '../packages/server/src/analytics/person-features-query.ts'
import { fitPersonas } from '../packages/server/src/analytics/persona-service.ts'
import { retention } from '../packages/server/src/analytics/retention-query.ts'
import { ChdbDriver } from '../packages/server/src/stores/events/chdb-driver.ts'
import { ClickHouseEventStore } from '../packages/server/src/stores/events/clickhouse-event-store.ts'
import { BENCH_WORKSPACE, generateAnalyticsData } from './analytics-data.ts'

const EVENTS = Number(process.env.EVENTS ?? 10_000_000)
const PERSONS = Number(process.env.PERSONS ?? 200_000)
const RUNS = Number(process.env.RUNS ?? 5)
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'touchstone-bench-analytics-'))

const driver = new ChdbDriver(dir)
const store = new ClickHouseEventStore(driver)
await store.migrate()
const ws = BENCH_WORKSPACE
const [{ n } = { n: 0 }] = await store.query<{ n: number }>(
  'SELECT count() AS n FROM events WHERE workspace_id = {ws:String}',
  { ws },
)
if (Number(n) !== EVENTS) {
  await driver.command('TRUNCATE TABLE events')
  await driver.command('TRUNCATE TABLE person_overrides')
  await driver.command('TRUNCATE TABLE first_contacts')
  const started = performance.now()
  await generateAnalyticsData(driver, EVENTS, PERSONS)
  // Measure the steady state: background merges of the fresh parts would otherwise compete.
  await driver.command('OPTIMIZE TABLE events FINAL')
  const seconds = (performance.now() - started) / 1000
  console.log(
    `generated ${EVENTS.toLocaleString('en')} events of ${PERSONS.toLocaleString('en')} persons in ${seconds.toFixed(1)} s`,
  )
} else {
  console.log(`reusing ${EVENTS.toLocaleString('en')} events in ${dir}`)
}

const year = parseRange({ from: '2025-01-01', to: '2026-06-30' })
const quarter = parseRange({ from: '2025-04-01', to: '2025-06-30' })
const rules = DEFAULT_STAGE_RULES
const cases: Array<[string, () => Promise<unknown>]> = [
  ['stage distribution (weekly, 18 months)', () => stageDistribution(store, ws, year, rules, 'week', 'none')],
  ['stage transitions / Sankey (18 months)', () => stageTransitions(store, ws, year, rules)],
  [
    '4-step funnel, breakdown by channel (18 months)',
    () =>
      funnel(store, ws, year, {
        steps: ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'],
        windowSeconds: 7 * 86_400,
        order: 'loose',
        deduplicate: false,
        breakdown: 'channel',
      }),
  ],
  [
    'paths after Product Added, depth 4 (quarter)',
    () =>
      paths(store, ws, quarter, {
        event: 'Product Added',
        direction: 'after',
        depth: 4,
        node: 'event',
        nodesPerStep: 8,
      }),
  ],
  [
    'retention cohorts, monthly (18 months)',
    () =>
      retention(store, ws, year, {
        conversionEvent: 'Order Completed',
        interval: 'month',
        activity: 'purchase',
      }),
  ],
  [
    'attribution, 5 heuristics + Markov (quarter)',
    () =>
      attribution(store, ws, quarter, {
        conversionEvent: 'Order Completed',
        lookbackDays: 30,
        level: 'channel',
        halfLifeDays: 7,
      }),
  ],
  [
    'persona fit (features SQL + k-means++, k by silhouette)',
    async () =>
      fitPersonas(await personFeatures(store, ws, year, rules, 'Order Completed'), {
        seed: 1,
        sampleSize: 5_000,
      }),
  ],
  [
    'CLV fit (summaries SQL + BG/NBD + Gamma-Gamma + predictions)',
    () =>
      fitClv(store, ws, year, {
        conversionEvent: 'Order Completed',
        horizonMonths: 12,
        monthlyDiscountRate: 0.01,
      }),
  ],
]

const only = (process.env.ONLY ?? '')
  .split(',')
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean)
const selected = only.length
  ? cases.filter(([name]) => only.some((w) => name.toLowerCase().includes(w)))
  : cases
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
// CPU time (user + system of this process, which includes the engine's threads) next to wall
// time: on a shared box the wall time mostly measures the neighbours, the CPU time the work.
console.log(`| analysis | median of ${RUNS} (ms) | min (ms) | CPU, median (ms) |`)
console.log('| --- | --- | --- | --- |')
for (const [name, run] of selected) {
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const usage = process.cpuUsage()
    await run()
    times.push(performance.now() - started)
    const used = process.cpuUsage(usage)
    cpu.push((used.user + used.system) / 1000)
  }
  console.log(
    `| ${name} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${median(cpu).toFixed(0)} |`,
  )
}
await store.close()
if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true })
