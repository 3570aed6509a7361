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
import {
  compileStageRules,
  CONTACT_TYPES,
  resolvedEvents,
  resolvedPersons,
  workspaceEvents,
} from './resolved-events.ts'

const IN_RANGE = `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}`

const PACKED =
  'toUInt64(toUnixTimestamp64Milli(e.event_time) - {fromMs:Int64}) * 8 + toUInt64(greatest(stage, 0))'

/**
 * Staged contacts of the range: stored person id `pid`, `packed` and (with a breakdown) `bd`.
 * `packed` is one UInt64, (ms since `from`) × 8 + stage index, so a plain numeric sort orders a
 * person's contacts by time (then stage) and one number carries both: sorting and grouping
 * tuples cost several times more over millions of contacts. Unpack with `intDiv(x, 8)` (ms since
 * from) and `x % 8`. Not resolved through merges: see `personSequences`.
 */
function stagedEvents(rules: readonly StageRule[], breakdown: Breakdown = 'none') {
  const compiled = compileStageRules(rules)
  const bd = breakdown === 'none' ? '' : `, ${breakdownColumn(breakdown, 'e.')} AS bd`
  const sql = `SELECT pid, packed${bd ? ', bd' : ''} FROM (${workspaceEvents(
    `e.person_id AS pid, ${PACKED} AS packed, ${compiled.index} AS stage${bd}`,
    `${IN_RANGE} AND ${CONTACT_TYPES}`,
  )}) WHERE stage >= 0`
  return { sql, params: compiled.params }
}

/**
 * One row per surviving person (and breakdown value): `person`, `bd` ('' without a breakdown)
 * and `seq`, their staged contacts sorted. Contacts are gathered per stored id first and the
 * arrays of ids merged into one survivor are concatenated after the join (resolvedPersons).
 * Grouping by the id alone when there is no breakdown: a (UUID, String) key hashes about twice
 * as slowly as the UUID.
 */
export function personSequences(rules: readonly StageRule[], breakdown: Breakdown = 'none') {
  const staged = stagedEvents(rules, breakdown)
  const byBd = breakdown === 'none' ? '' : ', bd'
  const perId = `SELECT pid${byBd}, groupArray(packed) AS part FROM (${staged.sql}) GROUP BY pid${byBd}`
  const sql = `SELECT person, ${breakdown === 'none' ? "'' AS bd" : 'bd'}, arraySort(arrayFlatten(groupArray(part))) AS seq
    FROM (${resolvedPersons(`p.part AS part${byBd ? ', p.bd AS bd' : ''}`, perId)})
    GROUP BY person${byBd}`
  return { sql, params: staged.params }
}

/** The time of a packed contact as DateTime64 (for period functions). */
const PACKED_TIME = 'fromUnixTimestamp64Milli(toInt64(intDiv(x, 8)) + {fromMs:Int64})'

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
  const staged = personSequences(rules, breakdown)
  // One scan, one row per person (per person and breakdown value): their contacts sorted by
  // time, the last one of each period (where the next contact's period differs) gives the
  // period's stage, the very last one the current stage (marked by period 1970-01-01).
  const rows = await events.query<{ period: string; bd: string; stage: number; persons: number }>(
    `SELECT toString(row.1) AS period, bd, toInt8(row.2 % 8) AS stage, count() AS persons
     FROM (
       SELECT bd, seq, arrayMap(x -> ${periodStart(interval, PACKED_TIME)}, seq) AS periods,
              arrayFilter((x, next) -> x.1 != next, arrayZip(periods, seq),
                          arrayPushBack(arrayPopFront(periods), toDate(0))) AS period_ends
       FROM (${staged.sql})
     )
     ARRAY JOIN arrayPushBack(period_ends, (toDate(0), seq[-1])) AS row
     GROUP BY period, bd, stage ORDER BY period, bd, stage`,
    { ws, from: range.from, to: range.to, fromMs: range.fromMs, ...staged.params },
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

/** The stage indexes 0…6. */
export const STAGE_INDEXES = JOURNEY_STAGES.map((_, s) => s)

/** Moves counted per code (from × 8 + to, see STAGE_MOVES): how many, by how many persons, median gap in ms. */
export type MoveCounts = Iterable<[code: number, cell: { moves: number; persons: number; median: number }]>

/** Counted moves as core's Sankey-ready StageFlow. */
export function toStageFlow(moves: MoveCounts): StageFlow {
  return stageFlow(
    [...moves].map(([code, c]) => ({
      from: JOURNEY_STAGES[Math.floor(code / 8)] as JourneyStage,
      to: JOURNEY_STAGES[code % 8] as JourneyStage,
      count: c.moves,
      persons: c.persons,
      medianHours: c.median / 3_600_000,
    })),
  )
}

/** Per stage index, persons who reached it and who progressed from it, as core's drop-off rows. */
export function toStageDropOff(
  cells: ReadonlyArray<{ reached: number; progressed: number }>,
): StageDropOff[] {
  return stageDropOff(STAGE_INDEXES.map((s) => ({ stage: JOURNEY_STAGES[s] as JourneyStage, ...cells[s]! })))
}

/**
 * Columns over a person's `seq` (personSequences): `codes`, their moves (neighbouring contacts in
 * different stages) as from × 8 + to, and `gaps`, the time of each move in ms. Neighbours are
 * paired by arrayPopBack/arrayPopFront rather than by indexing inside a lambda, which would copy
 * the array per element.
 */
export const STAGE_MOVES = `arrayPopBack(seq) AS a, arrayPopFront(seq) AS b,
              arrayFilter((c, x, y) -> x % 8 != y % 8, arrayMap((x, y) -> toUInt8((x % 8) * 8 + y % 8), a, b), a, b) AS codes,
              arrayFilter((g, x, y) -> x % 8 != y % 8, arrayMap((x, y) -> intDiv(y, 8) - intDiv(x, 8), a, b), a, b) AS gaps`

/** Stage-to-stage moves (consecutive contacts in different stages), Sankey-ready. */
export async function stageTransitions(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
): Promise<StageFlow> {
  const staged = personSequences(rules)
  // Neighbouring contacts in time order (STAGE_MOVES); a move is a pair whose stages differ,
  // coded as from × 8 + to, with the gap in ms. A person counts once per move code: at
  // its first occurrence in their moves (arrayEnumerateUniq), which costs ≈ 20 % less than a
  // uniqExact(person) over all moves at 10 M events.
  const rows = await events.query<{ code: number; moves: number; persons: number; median: number }>(
    `SELECT code, count() AS moves, countIf(occurrence = 1) AS persons,
            quantileExactInclusive(0.5)(gap) AS median
     FROM (
       SELECT seq, ${STAGE_MOVES}
       FROM (${staged.sql})
     )
     ARRAY JOIN codes AS code, gaps AS gap, arrayEnumerateUniq(codes) AS occurrence
     GROUP BY code`,
    { ws, from: range.from, to: range.to, fromMs: range.fromMs, ...staged.params },
  )
  return toStageFlow(
    rows.map((r) => [num(r.code), { moves: num(r.moves), persons: num(r.persons), median: num(r.median) }]),
  )
}

/**
 * One row per surviving person with a staged contact in the range: `person` and, per stage s,
 * `f<s>`/`l<s>`, the first and last contact in it (ms since from, + 1 so 0 means never).
 * Plain aggregates, no per-person arrays.
 */
export function stageReachPerPerson(rules: readonly StageRule[]) {
  const compiled = compileStageRules(rules)
  const staged = {
    sql: `SELECT person, packed FROM (${resolvedEvents(
      `${PACKED} AS packed, ${compiled.index} AS stage`,
      `${IN_RANGE} AND ${CONTACT_TYPES}`,
    )}) WHERE stage >= 0`,
    params: compiled.params,
  }
  const time = 'intDiv(packed, 8) + 1'
  const sql = `SELECT person, ${STAGE_INDEXES.map((s) => `minIf(${time}, packed % 8 = ${s}) AS f${s}, maxIf(${time}, packed % 8 = ${s}) AS l${s}`).join(', ')}
       FROM (${staged.sql}) GROUP BY person`
  return { sql, params: staged.params }
}

/**
 * Aggregates over stageReachPerPerson rows: `r<s>`, persons who reached stage s, and `p<s>`, who
 * progressed from it: some later stage has a contact at or after their first contact in s.
 */
export const STAGE_REACH_COUNTS = STAGE_INDEXES.map((s) => {
  const later = STAGE_INDEXES.filter((l) => l > s).map((l) => `l${l}`)
  const progressed = later.length
    ? `countIf(f${s} > 0 AND greatest(${[...later, '0'].join(', ')}) >= f${s})`
    : '0'
  return `countIf(f${s} > 0) AS r${s}, ${progressed} AS p${s}`
}).join(', ')

/** Per stage: persons who reached it, and who reached a later stage after first reaching it. */
export async function stageDropOffs(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
): Promise<StageDropOff[]> {
  const perPerson = stageReachPerPerson(rules)
  const [row] = await events.query<Record<string, number>>(
    `SELECT ${STAGE_REACH_COUNTS}
     FROM (
       ${perPerson.sql}
     )`,
    { ws, from: range.from, to: range.to, fromMs: range.fromMs, ...perPerson.params },
  )
  return toStageDropOff(
    STAGE_INDEXES.map((s) => ({ reached: num(row?.[`r${s}`]), progressed: num(row?.[`p${s}`]) })),
  )
}
