import { JOURNEY_STAGES, type JourneyStage } from '@touchstone/core'
import {
  stageDropOff,
  stageFlow,
  type StageDropOff,
  type StageFlow,
  type StageRule,
} from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import {
  breakdownColumn,
  num,
  periodStart,
  type Breakdown,
  type Interval,
  type TimeRange,
} from './analytics-params.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents, stageIndexExpression } from './resolved-events.ts'

const IN_RANGE = `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}`

/** Staged contacts of the range: person, time (ms), stage index and the breakdown value. */
function stagedEvents(rules: readonly StageRule[], breakdown: Breakdown = 'none') {
  const compiled = compileStageRules(rules)
  const sql = `SELECT person, t, stage, bd FROM (${resolvedEvents(
    `toUnixTimestamp64Milli(e.event_time) AS t, ${stageIndexExpression(compiled.expression)} AS stage,
     ${breakdownColumn(breakdown, 'e.')} AS bd`,
    `${IN_RANGE} AND ${CONTACT_TYPES}`,
  )}) WHERE stage >= 0`
  return { sql, params: compiled.params }
}

/** Persons per stage and period: each person counts once per period, in the stage of their latest contact in it. */
export interface StageDistribution {
  interval: Interval
  periods: Array<{ period: string; breakdown: string; stages: Record<JourneyStage, number>; persons: number }>
  /** Where persons are at the end of the range: the stage of their latest contact. */
  current: Array<{ breakdown: string; stages: Record<JourneyStage, number>; persons: number }>
}

function emptyStages(): Record<JourneyStage, number> {
  return Object.fromEntries(JOURNEY_STAGES.map((s) => [s, 0])) as Record<JourneyStage, number>
}

/** Stage distribution over time (and now), optionally split by channel or touchpoint. */
export async function stageDistribution(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  interval: Interval,
  breakdown: Breakdown,
): Promise<StageDistribution> {
  const staged = stagedEvents(rules, breakdown)
  // One scan: per person and period the stage of the latest contact; the person's last period
  // also yields their current stage (marked by period 1970-01-01).
  const rows = await events.query<{ period: string; bd: string; stage: number; persons: number }>(
    `SELECT toString(row.1) AS period, bd, row.2 AS stage, count() AS persons
     FROM (
       SELECT person, bd, arraySort(groupArray((period, stage))) AS ps
       FROM (
         SELECT person, bd, ${periodStart(interval, 'fromUnixTimestamp64Milli(t)')} AS period, argMax(stage, t) AS stage
         FROM (${staged.sql}) GROUP BY person, bd, period
       )
       GROUP BY person, bd
     )
     ARRAY JOIN arrayPushBack(ps, (toDate(0), ps[-1].2)) AS row
     GROUP BY period, bd, stage ORDER BY period, bd, stage`,
    { ws, from: range.from, to: range.to, ...staged.params },
  )
  const current = rows.filter((r) => r.period === '1970-01-01')
  const periods = new Map<string, StageDistribution['periods'][number]>()
  for (const r of rows) {
    if (r.period === '1970-01-01') continue
    const key = `${r.period}\u0000${r.bd}`
    const entry = periods.get(key) ?? { period: r.period, breakdown: r.bd, stages: emptyStages(), persons: 0 }
    const stage = JOURNEY_STAGES[num(r.stage)]
    if (stage) entry.stages[stage] += num(r.persons)
    entry.persons += num(r.persons)
    periods.set(key, entry)
  }
  const now = new Map<string, StageDistribution['current'][number]>()
  for (const r of current) {
    const entry = now.get(r.bd) ?? { breakdown: r.bd, stages: emptyStages(), persons: 0 }
    const stage = JOURNEY_STAGES[num(r.stage)]
    if (stage) entry.stages[stage] += num(r.persons)
    entry.persons += num(r.persons)
    now.set(r.bd, entry)
  }
  return { interval, periods: [...periods.values()], current: [...now.values()] }
}

/** Stage-to-stage moves (consecutive contacts in different stages), Sankey-ready. */
export async function stageTransitions(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
): Promise<StageFlow> {
  const staged = stagedEvents(rules)
  const rows = await events.query<{ f: number; t: number; moves: number; persons: number; median: number }>(
    `SELECT move.1.2 AS f, move.2.2 AS t, count() AS moves, uniqExact(person) AS persons,
            quantileExactInclusive(0.5)(move.2.1 - move.1.1) AS median
     FROM (
       SELECT person, arraySort(x -> (x.1, x.2), groupArray((t, stage))) AS seq,
              arrayFilter(m -> m.1.2 != m.2.2, arrayZip(arrayPopBack(seq), arrayPopFront(seq))) AS stage_moves
       FROM (${staged.sql}) GROUP BY person
     )
     ARRAY JOIN stage_moves AS move
     GROUP BY f, t`,
    { ws, from: range.from, to: range.to, ...staged.params },
  )
  return stageFlow(
    rows.map((r) => ({
      from: JOURNEY_STAGES[num(r.f)] as JourneyStage,
      to: JOURNEY_STAGES[num(r.t)] as JourneyStage,
      count: num(r.moves),
      persons: num(r.persons),
      medianHours: num(r.median) / 3_600_000,
    })),
  )
}

/** Per stage: persons who reached it, and who reached a later stage after first reaching it. */
export async function stageDropOffs(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
): Promise<StageDropOff[]> {
  const staged = stagedEvents(rules)
  const rows = await events.query<{ s: number; reached: number; progressed: number }>(
    `SELECT s, countIf(first > 0) AS reached,
            countIf(first > 0 AND arrayExists(x -> x.2 > s AND x.1 >= first, seq)) AS progressed
     FROM (
       SELECT s, seq, arrayMin(arrayMap(x -> x.1, arrayFilter(x -> x.2 = s, seq))) AS first
       FROM (SELECT person, groupArray((t, stage)) AS seq FROM (${staged.sql}) GROUP BY person)
       ARRAY JOIN range(${JOURNEY_STAGES.length}) AS s
     )
     GROUP BY s ORDER BY s`,
    { ws, from: range.from, to: range.to, ...staged.params },
  )
  return stageDropOff(
    rows.map((r) => ({
      stage: JOURNEY_STAGES[num(r.s)] as JourneyStage,
      reached: num(r.reached),
      progressed: num(r.progressed),
    })),
  )
}
