import { JOURNEY_STAGES, type JourneyStage } from '@touchstone/core'
import type { StageRule } from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type Interval, type TimeRange } from './analytics-params.ts'
import { NO_GROUP, type PersonGroups } from './breakdown-source.ts'
import type { StageDistribution } from './journey-queries.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents, stageIndexExpression } from './resolved-events.ts'

/** One cell of the distribution: persons of a group in a stage, per period or now (`current`). */
interface Cell {
  current: boolean
  period: string
  group: string
  stage: number
  persons: number
}

function emptyStages(): Record<JourneyStage, number> {
  return Object.fromEntries(JOURNEY_STAGES.map((s) => [s, 0])) as Record<JourneyStage, number>
}

/**
 * The stage distribution of journey-queries.ts' stageDistribution, split by a property of the
 * person (persona, trait) instead of the event: per period each person counts once, in the stage
 * of their latest contact, under their group; `current` is the stage at the end of the range.
 * Persons without a group are reported under NO_GROUP. With groups bound as SQL the counting
 * stays in ClickHouse; with groups only in memory (many personas) each person's (period, stage)
 * list comes back and is counted here.
 */
export async function stageDistributionByGroup(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  interval: Interval,
  groups: PersonGroups,
): Promise<StageDistribution> {
  const compiled = compileStageRules(rules)
  const staged = `SELECT person, t, stage FROM (${resolvedEvents(
    `toUnixTimestamp64Milli(e.event_time) AS t, ${stageIndexExpression(compiled.expression)} AS stage`,
    `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
  )}) WHERE stage >= 0`
  const perPeriod = `SELECT person, ${periodStart(interval, 'fromUnixTimestamp64Milli(t)')} AS period, argMax(stage, t) AS stage
    FROM (${staged}) GROUP BY person, period`
  const params = { ws, from: range.from, to: range.to, ...compiled.params }
  const cells: Cell[] = []
  if (groups.sql) {
    const rows = await events.query<{
      current: number
      period: string
      bd: string
      stage: number
      persons: number
    }>(
      `SELECT row.1 = toDate(0) AS current, toString(row.1) AS period, bd, row.2 AS stage, count() AS persons
       FROM (
         SELECT s.person AS person, any(g.grp) AS bd, arraySort(groupArray((s.period, s.stage))) AS ps
         FROM (${perPeriod}) AS s
         LEFT JOIN (${groups.sql.text}) AS g ON s.person = g.person
         GROUP BY s.person
       )
       -- The person's last period also yields their current stage (marked by period 1970-01-01).
       ARRAY JOIN arrayPushBack(ps, (toDate(0), ps[-1].2)) AS row
       GROUP BY current, period, bd, stage`,
      { ...params, ...groups.sql.params },
    )
    for (const r of rows) {
      cells.push({
        current: num(r.current) > 0,
        period: r.period,
        group: r.bd === '' ? NO_GROUP : r.bd,
        stage: num(r.stage),
        persons: num(r.persons),
      })
    }
  } else {
    const [rows, map] = await Promise.all([
      events.query<{ person: string; ps: Array<[string, number]> }>(
        `SELECT toString(person) AS person, arraySort(groupArray((toString(period), stage))) AS ps
         FROM (${perPeriod}) GROUP BY person`,
        params,
      ),
      groups.map(),
    ])
    const counts = new Map<string, Cell>()
    const add = (current: boolean, period: string, group: string, stage: number) => {
      const key = `${current ? '' : period}\u0000${group}\u0000${stage}`
      const cell = counts.get(key) ?? { current, period, group, stage, persons: 0 }
      cell.persons++
      counts.set(key, cell)
    }
    for (const r of rows) {
      const group = map.get(r.person) || NO_GROUP
      for (const [period, stage] of r.ps) add(false, period, group, num(stage))
      const last = r.ps[r.ps.length - 1]
      if (last) add(true, '', group, num(last[1]))
    }
    cells.push(...counts.values())
  }
  return tally(interval, cells)
}

/** Folds cells into the StageDistribution shape, periods and groups in order. */
function tally(interval: Interval, cells: readonly Cell[]): StageDistribution {
  const periods = new Map<string, StageDistribution['periods'][number]>()
  const now = new Map<string, StageDistribution['current'][number]>()
  for (const c of cells) {
    const stage = JOURNEY_STAGES[c.stage]
    let entry: { stages: Record<JourneyStage, number>; persons: number }
    if (c.current) {
      const found = now.get(c.group) ?? { breakdown: c.group, stages: emptyStages(), persons: 0 }
      now.set(c.group, found)
      entry = found
    } else {
      const key = `${c.period}\u0000${c.group}`
      const found = periods.get(key) ?? {
        period: c.period,
        breakdown: c.group,
        stages: emptyStages(),
        persons: 0,
      }
      periods.set(key, found)
      entry = found
    }
    if (stage) entry.stages[stage] += c.persons
    entry.persons += c.persons
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    interval,
    periods: [...periods.values()].sort(
      (a, b) => order(a.period, b.period) || order(a.breakdown, b.breakdown),
    ),
    current: [...now.values()].sort((a, b) => order(a.breakdown, b.breakdown)),
  }
}
