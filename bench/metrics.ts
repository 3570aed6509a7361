// Survey metrics benchmark: RESPONSES NPS responses over 2025 (plus 5 % superseded partial
// versions, as real partial-then-complete submits leave them) generated inside the embedded
// event store (chDB) in weekly inserts, then `GET /api/metrics/nps?interval=week&breakdown=touchpoint` for the year
// through the real HTTP route (Fastify inject: auth, validation, SQL, core statistics, JSON),
// RUNS times; prints the median wall time and the median CPU time of the process per request. Measured twice: right after the inserts (background merges
// still running; FINAL de-duplicates at query time) and after OPTIMIZE … FINAL.
//   npm run bench:metrics        (RESPONSES=1000000 RUNS=7)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../packages/server/src/app.ts'
import { loadConfig } from '../packages/server/src/config.ts'
import { openRuntime } from '../packages/server/src/runtime.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 1_000_000)
const RUNS = Number(process.env.RUNS ?? 7)
const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-metrics-'))

const config = loadConfig({ TOUCHSTONE_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir: dir, port: 0 })
const rt = await openRuntime(config, 'bench')
const app = await buildApp({ ...rt, version: 'bench' })
const ws = await rt.meta.createWorkspace('Metrics bench')
const { key } = await rt.keys.create(ws.id, 'secret', 'owner', 'bench')

const TOUCHPOINTS = [
  'delivery',
  'checkout',
  'hotline',
  'store-berlin',
  'store-hamburg',
  'app',
  'returns',
  'newsletter',
]
const SURVEYS = [
  '0b8f0a4e-0000-4000-8000-000000000001',
  '0b8f0a4e-0000-4000-8000-000000000002',
  '0b8f0a4e-0000-4000-8000-000000000003',
  '0b8f0a4e-0000-4000-8000-000000000004',
]
// Deterministic rows from hashes of the row number: a year of answers in time order (row i at
// i/RESPONSES of the year), 25 % detractors, 30 % passives, 45 % promoters, 8 touchpoints,
// 4 surveys, 200,000 persons. Written the way a live server writes them: in time order, one
// insert per week (the ingest path's commits are smaller and more frequent still), every 20th
// response first as a partial version that its complete version supersedes 30 s later (in the
// next insert: within one insert ClickHouse would already fold them, optimize_on_insert).
const YEAR_MS = 31_536_000_000
const insertWeek = `
  INSERT INTO responses
  SELECT {ws:String}, concat('r-', toString(number)), {surveys:Array(String)}[1 + cityHash64(number, 1) % 4], 1,
         reinterpretAsUUID(reverse(unhex(leftPad(hex(number % 200000), 32, '0')))),
         ['email', 'sms', 'link', 'web', 'app', 'phone-agent'][1 + cityHash64(number, 3) % 6],
         {touchpoints:Array(String)}[1 + cityHash64(number, 4) % 8],
         'after-sales', if(cityHash64(number, 5) % 4 = 0, 'en', 'de'), 'nps',
         if(version = 0, NULL, toUInt8(multiIf(h < 25, h % 7, h < 55, 7 + h % 2, 9 + h % 2))),
         '{}', '', NULL, '', [], [], version, created, created + toIntervalSecond(30 * version), 'bench'
  FROM (SELECT number, version, cityHash64(number, 2) % 100 AS h,
               toDateTime64('2025-01-01 00:00:00', 3, 'UTC')
                 + toIntervalMillisecond(intDiv(number * ${YEAR_MS}, {count:UInt64})) AS created
        FROM numbers({start:UInt64}, {rows:UInt64}) ARRAY JOIN [0, 1] AS version
        WHERE version = {version:UInt8} AND (version = 1 OR cityHash64(number, 6) % 20 = 0))`

let started = performance.now()
const WEEKS = 53
for (let w = 0; w < WEEKS; w++) {
  const start = Math.floor((w * RESPONSES) / WEEKS)
  const end = Math.floor(((w + 1) * RESPONSES) / WEEKS)
  for (const version of [0, 1]) {
    await rt.events.query(insertWeek, {
      ws: ws.id,
      surveys: SURVEYS,
      touchpoints: TOUCHPOINTS,
      count: RESPONSES,
      start,
      rows: end - start,
      version,
    })
  }
}
const [{ n, parts } = { n: 0, parts: 0 }] = await rt.events.query<{ n: number; parts: number }>(
  'SELECT count() AS n, uniqExact(_part) AS parts FROM responses WHERE workspace_id = {ws:String}',
  { ws: ws.id },
)
console.log(
  `generated ${RESPONSES.toLocaleString('en')} responses (${Number(n).toLocaleString('en')} rows with partial versions, ${parts} parts) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)

const url =
  '/api/metrics/nps?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=week&breakdown=touchpoint'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
async function measure(label: string): Promise<void> {
  const times: number[] = []
  const cpu: number[] = []
  let answered = 0
  for (let i = 0; i < RUNS; i++) {
    started = performance.now()
    // chDB runs its query threads inside this process, so the process's CPU time is the
    // request's whole cost (engine + Node) — a figure that other load on the box cannot stretch.
    const cpuBefore = process.cpuUsage()
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
    times.push(performance.now() - started)
    const used = process.cpuUsage(cpuBefore)
    cpu.push((used.user + used.system) / 1000)
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
    const body = res.json() as { groups: Array<{ total: { n: number }; buckets: unknown[] }> }
    answered = body.groups.reduce((s, g) => s + g.total.n, 0)
    if (i === 0 && body.groups.length !== TOUCHPOINTS.length)
      throw new Error('expected one group per touchpoint')
  }
  console.log(
    `| NPS by week × touchpoint, one year (${label}) | ${answered.toLocaleString('en')} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${median(cpu).toFixed(0)} |`,
  )
}
console.log(`| query | responses counted | median of ${RUNS} (ms) | min | max | CPU, median (ms) |`)
console.log('| --- | --- | --- | --- | --- | --- |')
await measure('parts as inserted')
await rt.events.query('OPTIMIZE TABLE responses FINAL')
await measure('after OPTIMIZE FINAL')
await app.close()
await rt.close()
rmSync(dir, { recursive: true, force: true })
