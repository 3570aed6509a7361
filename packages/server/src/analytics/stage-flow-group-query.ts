import { quantileOfSorted } from '@touchstone/core/stats'
import type { StageDropOff, StageFlow, StageRule } from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { byBreakdown, NO_GROUP, type PersonGroups } from './breakdown-source.ts'
import {
  personSequences,
  STAGE_INDEXES as STAGES,
  STAGE_MOVES,
  STAGE_REACH_COUNTS,
  stageReachPerPerson,
  toStageDropOff,
  toStageFlow,
} from './journey-queries.ts'

/** The stage drop-off of one group of persons (persona or trait value). */
export interface StageDropOffGroup {
  breakdown: string
  stages: StageDropOff[]
}

/** Stage-to-stage moves of one group of persons. */
export interface StageFlowGroup extends StageFlow {
  breakdown: string
}

/** An unmatched LEFT JOIN (or a missing map entry) leaves '': the person has no group. */
const groupName = (bd: string | undefined) => (bd ? bd : NO_GROUP)

/**
 * journey-queries.ts' stageDropOffs per group of persons (breakdown-source.ts), groups by name,
 * and the total over everyone. The groups partition the persons, so the total is their sum —
 * one scan instead of a second ungrouped query. With groups bound as SQL they join once per
 * person onto the per-person first/last contacts; with groups only in memory those rows come
 * back and are counted here.
 */
export async function stageDropOffsByGroup(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  groups: PersonGroups,
): Promise<{ stages: StageDropOff[]; groups: StageDropOffGroup[] }> {
  const perPerson = stageReachPerPerson(rules)
  const params = { ws, from: range.from, to: range.to, fromMs: range.fromMs, ...perPerson.params }
  /** reached / progressed per group and stage. */
  const counts = new Map<string, Array<{ reached: number; progressed: number }>>()
  const cellsOf = (group: string) => {
    const cells = counts.get(group) ?? STAGES.map(() => ({ reached: 0, progressed: 0 }))
    counts.set(group, cells)
    return cells
  }
  if (groups.sql) {
    const rows = await events.query<Record<string, number | string>>(
      `SELECT bd, ${STAGE_REACH_COUNTS}
       FROM (
         SELECT g.grp AS bd, ${STAGES.map((s) => `a.f${s} AS f${s}, a.l${s} AS l${s}`).join(', ')}
         FROM (${perPerson.sql}) AS a LEFT JOIN (${groups.sql.text}) AS g ON a.person = g.person
       )
       GROUP BY bd`,
      { ...params, ...groups.sql.params },
    )
    for (const row of rows) {
      const cells = cellsOf(groupName(String(row.bd ?? '')))
      for (const s of STAGES) {
        cells[s]!.reached += num(row[`r${s}`])
        cells[s]!.progressed += num(row[`p${s}`])
      }
    }
  } else {
    const [rows, map] = await Promise.all([
      events.query<Record<string, number | string>>(
        `SELECT toString(person) AS person, ${STAGES.map((s) => `f${s}, l${s}`).join(', ')} FROM (${perPerson.sql})`,
        params,
      ),
      groups.map(),
    ])
    for (const row of rows) {
      const cells = cellsOf(groupName(map.get(String(row.person))))
      const first = STAGES.map((s) => num(row[`f${s}`]))
      const last = STAGES.map((s) => num(row[`l${s}`]))
      for (const s of STAGES) {
        if (first[s]! === 0) continue
        cells[s]!.reached++
        // The same rule as STAGE_REACH_COUNTS: a later stage's last contact at or after the first in s.
        if (last.some((l, later) => later > s && l >= first[s]!)) cells[s]!.progressed++
      }
    }
  }
  const total = STAGES.map((s) => ({
    reached: [...counts.values()].reduce((sum, c) => sum + c[s]!.reached, 0),
    progressed: [...counts.values()].reduce((sum, c) => sum + c[s]!.progressed, 0),
  }))
  return {
    stages: toStageDropOff(total),
    groups: [...counts]
      .map(([breakdown, cells]) => ({ breakdown, stages: toStageDropOff(cells) }))
      .sort(byBreakdown),
  }
}

/**
 * journey-queries.ts' stageTransitions for everyone and per group of persons, groups by name.
 * Medians do not add up, so with groups bound as SQL one query counts both (GROUPING SETS);
 * with groups only in memory each person's moves come back and are counted here, the median
 * by the same definition as ClickHouse's quantileExactInclusive (`quantileOfSorted`).
 */
export async function stageTransitionsByGroup(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  groups: PersonGroups,
): Promise<StageFlow & { groups: StageFlowGroup[] }> {
  const staged = personSequences(rules)
  const params = { ws, from: range.from, to: range.to, fromMs: range.fromMs, ...staged.params }
  /** Per group ('' for everyone) and move code: moves, persons and the gaps (ms) with their counts. */
  const moves = new Map<string, Map<number, { moves: number; persons: number; median: number }>>()
  const put = (group: string, code: number, cell: { moves: number; persons: number; median: number }) => {
    const codes = moves.get(group) ?? new Map()
    codes.set(code, cell)
    moves.set(group, codes)
  }
  if (groups.sql) {
    const rows = await events.query<{
      total: number
      bd: string
      code: number
      moves: number
      persons: number
      median: number
    }>(
      `SELECT grouping(bd) AS total, bd, code, count() AS moves, countIf(occurrence = 1) AS persons,
              quantileExactInclusive(0.5)(gap) AS median
       FROM (
         SELECT bd, seq, ${STAGE_MOVES}
         FROM (
           SELECT s.seq AS seq, g.grp AS bd
           FROM (${staged.sql}) AS s LEFT JOIN (${groups.sql.text}) AS g ON s.person = g.person
         )
       )
       ARRAY JOIN codes AS code, gaps AS gap, arrayEnumerateUniq(codes) AS occurrence
       GROUP BY GROUPING SETS ((code), (bd, code))`,
      { ...params, ...groups.sql.params },
    )
    for (const r of rows) {
      // grouping(bd) is 1 in the set that leaves bd out, i.e. everyone.
      put(num(r.total) === 1 ? '' : groupName(r.bd), num(r.code), {
        moves: num(r.moves),
        persons: num(r.persons),
        median: num(r.median),
      })
    }
  } else {
    const [rows, map] = await Promise.all([
      events.query<{ person: string; codes: number[]; gaps: number[] }>(
        `SELECT toString(person) AS person, codes, gaps
         FROM (SELECT person, seq, ${STAGE_MOVES} FROM (${staged.sql}))
         WHERE notEmpty(codes)`,
        params,
      ),
      groups.map(),
    ])
    // Hundreds of thousands of moves: cells indexed by group number × 64 + code (codes are
    // from × 8 + to < 64), no Map look-up per move. Group 0 is everyone.
    const names = ['']
    const numbers = new Map<string, number>()
    const cells: Array<{ moves: number; persons: number; gaps: number[] } | undefined> = []
    const add = (cell: number, gap: number, first: boolean) => {
      const c = (cells[cell] ??= { moves: 0, persons: 0, gaps: [] })
      c.moves++
      if (first) c.persons++
      c.gaps.push(gap)
    }
    const seen = new Uint8Array(64)
    for (const r of rows) {
      const group = groupName(map.get(r.person))
      let g = numbers.get(group)
      if (g === undefined) {
        g = names.push(group) - 1
        numbers.set(group, g)
      }
      seen.fill(0)
      for (let i = 0; i < r.codes.length; i++) {
        const code = num(r.codes[i])
        const gap = num(r.gaps[i])
        // A person counts once per move code, at its first occurrence (as arrayEnumerateUniq).
        const first = seen[code] === 0
        seen[code] = 1
        add(code, gap, first)
        add(g * 64 + code, gap, first)
      }
    }
    cells.forEach((c, cell) => {
      if (!c) return
      const group = names[Math.floor(cell / 64)]!
      put(group, cell % 64, {
        moves: c.moves,
        persons: c.persons,
        // As ClickHouse's quantileExactInclusive(0.5): a typed-array sort, gaps rarely repeat.
        median: quantileOfSorted(Float64Array.from(c.gaps).sort(), 0.5),
      })
    })
  }
  const everyone = toStageFlow(moves.get('') ?? new Map())
  return {
    ...everyone,
    groups: [...moves]
      .filter(([group]) => group !== '')
      .map(([breakdown, codes]) => ({ breakdown, ...toStageFlow(codes) }))
      .sort(byBreakdown),
  }
}
