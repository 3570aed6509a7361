// Benchmark of the driver, satisfaction, session and breakdown analyses: generates EVENTS events
// of PERSONS persons (bench/analytics-data.ts) and RESPONSES survey responses of a fifth of them
// inside the engine, then prints the median latency of each analysis as the API runs it.
//   node --import tsx bench/drivers.ts        (EVENTS=1000000 PERSONS=20000 RESPONSES=60000 RUNS=3)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_STAGE_RULES } from '../packages/core/src/journey/index.ts'
import { parseRange } from '../packages/server/src/analytics/analytics-params.ts'
import { BreakdownSource } from '../packages/server/src/analytics/breakdown-source.ts'
import { experienceBreakpoints } from '../packages/server/src/analytics/experience-breakpoints.ts'
import { followerReport } from '../packages/server/src/analytics/follower-query.ts'
import { keyDrivers } from '../packages/server/src/analytics/key-drivers.ts'
import { npsOutcomes } from '../packages/server/src/analytics/nps-outcomes.ts'
import { personSatisfaction } from '../packages/server/src/analytics/person-satisfaction-query.ts'
import { sessionReport } from '../packages/server/src/analytics/session-query.ts'
import { stageDistributionByGroup } from '../packages/server/src/analytics/stage-group-query.ts'
import { stageSatisfaction } from '../packages/server/src/analytics/stage-satisfaction-query.ts'
import { ChdbDriver } from '../packages/server/src/stores/events/chdb-driver.ts'
import { ClickHouseEventStore } from '../packages/server/src/stores/events/clickhouse-event-store.ts'
import { BENCH_WORKSPACE, generateAnalyticsData } from './analytics-data.ts'

const EVENTS = Number(process.env.EVENTS ?? 1_000_000)
const PERSONS = Number(process.env.PERSONS ?? 20_000)
const RESPONSES = Number(process.env.RESPONSES ?? 60_000)
const RUNS = Number(process.env.RUNS ?? 3)
const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-drivers-'))

const driver = new ChdbDriver(dir)
const store = new ClickHouseEventStore(driver)
await store.migrate()
const ws = BENCH_WORKSPACE
const started = performance.now()
await generateAnalyticsData(driver, EVENTS, PERSONS)
// Responses of one person in five (surveys reach a minority) in 2025: touchpoint decides the score type, stage and bias
// (the hotline is worse than checkout), a third carry a comment with a sentiment.
await driver.command(`
  INSERT INTO responses
  SELECT '${ws}', concat('resp-', toString(number)), st, 1,
         toUUID(concat(substring(h, 1, 8), '-', substring(h, 9, 4), '-4', substring(h, 14, 3), '-a', substring(h, 18, 3), '-', substring(h, 21, 12))),
         ch, tp, stage, 'de', st,
         toUInt8(if(st = 'nps', least(10, (cityHash64(number, 's') % 11 + bias) % 11), 1 + (cityHash64(number, 's') % 5 + bias) % 5)),
         '{}', if(commented, 'Kommentar', ''), if(commented, toFloat32((cityHash64(number, 'm') % 200) / 100 - 1), NULL),
         if(commented, if(cityHash64(number, 'm') % 200 < 70, 'negative', if(cityHash64(number, 'm') % 200 > 130, 'positive', 'neutral')), ''),
         [], [], 1, t, t, 'demo'
  FROM (
    SELECT number, cityHash64(number, 'tp') % 5 AS k,
           ['checkout', 'hotline', 'store-berlin', 'app-checkout', 'newsletter'][k + 1] AS tp,
           ['web', 'phone', 'store', 'app', 'email'][k + 1] AS ch,
           ['purchase', 'after-sales', 'preference', 'purchase', 'loyalty'][k + 1] AS stage,
           if(k = 4, 'nps', 'csat') AS st, [2, 0, 2, 1, 3][k + 1] AS bias,
           cityHash64(number, 'c') % 3 = 0 AS commented,
           lower(hex(MD5(concat('user-', toString((cityHash64(number, 'p') % ${Math.ceil(PERSONS / 5)}) * 5))))) AS h,
           toDateTime64(1735689600 + cityHash64(number, 't') % (365 * 86400), 3, 'UTC') AS t
    FROM numbers(${RESPONSES})
  )`)
await driver.command('OPTIMIZE TABLE events FINAL')
console.log(
  `generated ${EVENTS.toLocaleString('en')} events of ${PERSONS.toLocaleString('en')} persons and ${RESPONSES.toLocaleString('en')} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)

const year = parseRange({ from: '2025-01-01', to: '2025-12-31' })
const breakdowns = new BreakdownSource({ events: store, meta: { workspaceSettings: async () => ({}) } })
const base = { minRespondents: 30, maxDrivers: 12, windowDays: 90, event: 'Order Completed' }
const cases: Array<[string, () => Promise<unknown>]> = [
  [
    'key drivers of NPS, relative weights (1 year)',
    () => keyDrivers(store, ws, year, { ...base, outcome: 'nps', method: 'relative-weights' }),
  ],
  [
    'key drivers of repurchase, Shapley (1 year)',
    () => keyDrivers(store, ws, year, { ...base, outcome: 'repurchase', method: 'shapley' }),
  ],
  ['repurchase/churn by NPS category (1 year)', () => npsOutcomes(store, ws, year, 90, 'Order Completed')],
  ['experience breakpoints (1 year)', () => experienceBreakpoints(store, ws, year, 10)],
  ['satisfaction per stage (1 year)', () => stageSatisfaction(store, ws, year)],
  ['persona satisfaction features (1 year)', () => personSatisfaction(store, ws, year)],
  ['sessions, weekly (1 year)', () => sessionReport(store, ws, year, 'week')],
  ['social followers, weekly (1 year)', () => followerReport(store, ws, year, 'week')],
  [
    'stage distribution by persona (incl. persona fit on first run)',
    async () =>
      stageDistributionByGroup(
        store,
        ws,
        year,
        DEFAULT_STAGE_RULES,
        'month',
        await breakdowns.groups(ws, year, { kind: 'persona' }),
      ),
  ],
]
for (const [name, run] of cases) {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(
    `${name}: median ${Math.round(times[Math.floor(times.length / 2)]!)} ms (runs: ${times.map(Math.round).join(', ')})`,
  )
}
await store.close()
rmSync(dir, { recursive: true, force: true })
