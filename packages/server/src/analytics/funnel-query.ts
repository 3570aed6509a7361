import { rateWithInterval, type RateWithInterval } from '@touchstone/core/lifecycle'
import { quantileFromCounts } from '@touchstone/core/stats'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import { breakdownColumn, num, type Breakdown, type TimeRange } from './analytics-params.ts'
import { byBreakdown, NO_GROUP, type PersonGroups } from './breakdown-source.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

/** How strictly steps must follow each other (ClickHouse `windowFunnel` modes). */
export type FunnelOrder = 'loose' | 'strict'

export interface FunnelOptions {
  /** Event names, or `touchpoint:<id>` for a visit to a touchpoint; 2–10 steps. */
  steps: string[]
  /** Conversion window from the first step, in seconds. */
  windowSeconds: number
  order: FunnelOrder
  /** A repeated step before the next one ends the attempt (`strict_deduplication`). */
  deduplicate: boolean
  /** Channel or touchpoint of the person's first step-1 contact. */
  breakdown: Breakdown
  /** Split by a property of the person instead (persona, trait; see BreakdownSource): overrides `breakdown`. */
  personGroups?: PersonGroups
}

export interface FunnelStep {
  step: number
  name: string
  persons: number
  /** From the first step, with a Wilson 95 % interval. */
  overall: RateWithInterval
  /** From the previous step (the first step: 1). */
  fromPrevious: RateWithInterval
}

/** Buckets of the time-to-convert histogram, upper bounds in seconds. */
export const TIME_TO_CONVERT_BUCKETS = [
  { label: '< 1 h', upTo: 3_600 },
  { label: '1–6 h', upTo: 21_600 },
  { label: '6–24 h', upTo: 86_400 },
  { label: '1–3 d', upTo: 259_200 },
  { label: '3–7 d', upTo: 604_800 },
  { label: '7–14 d', upTo: 1_209_600 },
  { label: '14–30 d', upTo: 2_592_000 },
  { label: '≥ 30 d', upTo: Number.POSITIVE_INFINITY },
] as const

export interface FunnelGroup {
  breakdown: string
  steps: FunnelStep[]
  timeToConvert: {
    /** Seconds from the first step to the last, over persons who converted. */
    quantiles: { p25: number; median: number; p75: number; p90: number } | null
    histogram: Array<{ label: string; persons: number }>
  }
}

export interface FunnelResult {
  steps: string[]
  windowSeconds: number
  order: FunnelOrder
  deduplicate: boolean
  /**
   * Everyone together, then one group per breakdown value (channel/touchpoint of the first step,
   * or the person's group: persons without one are in NO_GROUP).
   */
  total: FunnelGroup
  groups: FunnelGroup[]
}

/**
 * The steps a contact matches, as a bit mask computed in the scan: one `transform` of the event
 * name and one of the touchpoint (each runs once per LowCardinality dictionary entry), so the
 * aggregation tests bits instead of comparing strings five or more times per contact. A name can
 * stand for several steps (A → B → A): its mask then carries several bits.
 */
export function stepMask(steps: string[], params: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [kind, column] of [
    ['event', 'e.event'],
    ['touchpoint', 'e.touchpoint'],
  ] as const) {
    const masks = new Map<string, number>()
    steps.forEach((step, i) => {
      const isTouchpoint = step.startsWith('touchpoint:')
      if (isTouchpoint !== (kind === 'touchpoint')) return
      const value = isTouchpoint ? step.slice(11) : step
      masks.set(value, (masks.get(value) ?? 0) | (1 << i))
    })
    if (masks.size === 0) continue
    params[`${kind}_steps`] = [...masks.keys()]
    params[`${kind}_masks`] = [...masks.values()]
    parts.push(
      `transform(${column}, {${kind}_steps:Array(String)}, {${kind}_masks:Array(UInt16)}, toUInt16(0))`,
    )
  }
  return parts.length === 1 ? parts[0]! : `bitOr(${parts.join(', ')})`
}

/** The `windowFunnel` modes of a funnel's order and de-duplication, as extra parameters (`, 'strict_order'`). */
export function funnelModes(options: Pick<FunnelOptions, 'order' | 'deduplicate'>): string {
  return [
    options.order === 'strict' ? "'strict_order'" : '',
    options.deduplicate ? "'strict_deduplication'" : '',
  ]
    .filter(Boolean)
    .map((m) => `, ${m}`)
    .join('')
}

/** One cell of the aggregation: persons of a group (or everyone, `grp` 1) who stopped at `level`. */
interface FunnelRow {
  grp: number
  bd: string
  level: number
  persons: number
  /** Time-to-convert quantiles (ms) and histogram over the persons of the cell who converted. */
  q: number[]
  buckets: number[]
}

/** The bucket of TIME_TO_CONVERT_BUCKETS a time to convert (ms) falls in. */
function bucketOf(ttcMs: number): number {
  const i = TIME_TO_CONVERT_BUCKETS.findIndex((b) => ttcMs < b.upTo * 1000)
  return i < 0 ? TIME_TO_CONVERT_BUCKETS.length - 1 : i
}

/**
 * The funnel's SQL aggregation (GROUPING SETS (level), (bd, level)) over per-person rows, for
 * person groups that exist only in memory. Quantiles interpolate like `quantilesExactInclusive`.
 */
function aggregateFunnel(
  persons: Array<{ bd: string; level: number; ttc: number }>,
  last: number,
): FunnelRow[] {
  const cells = new Map<string, FunnelRow & { ttcs: Map<number, number> }>()
  for (const p of persons) {
    for (const [grp, bd] of [
      [1, ''],
      [0, p.bd],
    ] as const) {
      const key = `${grp}\u0000${bd}\u0000${p.level}`
      const cell = cells.get(key) ?? {
        grp,
        bd,
        level: p.level,
        persons: 0,
        q: [],
        buckets: TIME_TO_CONVERT_BUCKETS.map(() => 0),
        ttcs: new Map<number, number>(),
      }
      cells.set(key, cell)
      cell.persons++
      if (p.level !== last) continue
      cell.buckets[bucketOf(p.ttc)]!++
      cell.ttcs.set(p.ttc, (cell.ttcs.get(p.ttc) ?? 0) + 1)
    }
  }
  return [...cells.values()].map(({ ttcs, ...row }) => ({
    ...row,
    q: [0.25, 0.5, 0.75, 0.9].map((p) => quantileFromCounts([...ttcs.keys()], [...ttcs.values()], p)),
  }))
}

/**
 * Ordered funnel with a conversion window per person (persons resolved through merges). Loose
 * order lets other events happen between steps; strict order (`strict_order`) ends the attempt
 * at any other contact in between. Time to convert is measured from the person's first step-1
 * contact to their first last-step contact after it. With `personGroups` each person counts
 * under their group (merges followed: the group of the surviving person).
 */
export async function funnel(
  events: EventStore,
  ws: string,
  range: TimeRange,
  options: FunnelOptions,
): Promise<FunnelResult> {
  const { steps } = options
  if (steps.length < 2 || steps.length > 10)
    throw new TouchstoneError('TS_BAD_REQUEST', 'a funnel needs 2–10 steps')
  const params: Record<string, unknown> = {
    ws,
    from: range.from,
    to: range.to,
    window: options.windowSeconds * 1000,
  }
  const mask = stepMask(steps, params)
  const conditions = steps.map((_, i) => `bitTest(steps, ${i})`)
  const modes = funnelModes(options)
  // Loose funnels only need the step contacts; strict ones must see every contact in between.
  const onlySteps = options.order === 'loose' ? `AND steps != 0` : ''
  const last = steps.length
  const bucketCases = TIME_TO_CONVERT_BUCKETS.slice(0, -1)
    .map((b, i) => `ttc < ${b.upTo * 1000}, ${i}`)
    .join(', ')
  const personGroups = options.personGroups
  // One row per person who reached step 1: how far they got, their group, time to convert (ms).
  const reached = `SELECT person, level, bd, ttc FROM (
      SELECT person,
        windowFunnel({window:UInt64}${modes})(toUInt64(t), ${conditions.join(', ')}) AS level,
        argMinIf(bd0, t, ${conditions[0]}) AS bd,
        minIf(t, ${conditions[0]}) AS firstStart,
        arrayMin(arrayFilter(x -> x >= firstStart, groupArrayIf(t, ${conditions[last - 1]}))) - firstStart AS ttc
      FROM (${resolvedEvents(
        `toUnixTimestamp64Milli(e.event_time) AS t, ${mask} AS steps,
         ${breakdownColumn(personGroups ? 'none' : options.breakdown, 'e.')} AS bd0`,
        `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
         AND ${CONTACT_TYPES} ${onlySteps}`,
      )})
      GROUP BY person
    ) WHERE level > 0`
  let rows: FunnelRow[]
  if (personGroups && !personGroups.sql) {
    // Groups held only in memory (too many to bind): count the persons here.
    const [persons, map] = await Promise.all([
      events.query<{ person: string; level: number; ttc: number }>(
        `SELECT toString(person) AS person, level, ttc FROM (${reached})`,
        params,
      ),
      personGroups.map(),
    ])
    rows = aggregateFunnel(
      persons.map((p) => ({ bd: map.get(p.person) ?? '', level: num(p.level), ttc: num(p.ttc) })),
      last,
    )
  } else {
    // The person's group joins once per person after the funnel, not once per contact.
    const withGroups = personGroups?.sql
      ? `SELECT f.person AS person, f.level AS level, g.grp AS bd, f.ttc AS ttc
         FROM (${reached}) AS f LEFT JOIN (${personGroups.sql.text}) AS g ON f.person = g.person`
      : reached
    rows = await events.query<FunnelRow>(
      `SELECT grouping(bd) AS grp, bd, level, count() AS persons,
              quantilesExactInclusiveIf(0.25, 0.5, 0.75, 0.9)(ttc, level = ${last}) AS q,
              [${TIME_TO_CONVERT_BUCKETS.map((_, b) => `countIf(level = ${last} AND bucket = ${b})`).join(', ')}] AS buckets
       FROM (
         SELECT person, level, bd, ttc, multiIf(${bucketCases}, ${TIME_TO_CONVERT_BUCKETS.length - 1}) AS bucket
         FROM (${withGroups})
       )
       GROUP BY GROUPING SETS ((level), (bd, level))`,
      { ...params, ...personGroups?.sql?.params },
    )
  }
  const group = (bd: string, rs: typeof rows): FunnelGroup => {
    const atLevel = new Map<number, number>()
    for (const r of rs) atLevel.set(num(r.level), (atLevel.get(num(r.level)) ?? 0) + num(r.persons))
    const reached = steps.map((_, i) =>
      [...atLevel].filter(([l]) => l >= i + 1).reduce((s, [, n]) => s + n, 0),
    )
    const top = rs.find((r) => num(r.level) === last)
    const histogram = TIME_TO_CONVERT_BUCKETS.map((b, i) => ({
      label: b.label,
      persons: num(top?.buckets[i]),
    }))
    // Times are whole milliseconds; rounding drops interpolation noise (ClickHouse and
    // quantileFromCounts differ in the last bit).
    const q = top?.q.map((v) => Math.round(num(v)) / 1000)
    return {
      breakdown: bd,
      steps: steps.map((name, i) => ({
        step: i + 1,
        name,
        persons: reached[i] ?? 0,
        overall: rateWithInterval(reached[i] ?? 0, reached[0] ?? 0),
        fromPrevious: rateWithInterval(reached[i] ?? 0, i === 0 ? (reached[0] ?? 0) : (reached[i - 1] ?? 0)),
      })),
      timeToConvert: {
        quantiles: q && num(top?.persons) > 0 ? { p25: q[0]!, median: q[1]!, p75: q[2]!, p90: q[3]! } : null,
        histogram,
      },
    }
  }
  // grouping(bd) is 1 in the set that leaves bd out, i.e. the total.
  const totalRows = rows.filter((r) => num(r.grp) === 1)
  const byBd = new Map<string, typeof rows>()
  for (const r of rows.filter((x) => num(x.grp) === 0)) {
    // An unmatched LEFT JOIN (or a missing map entry) leaves '': the person has no group.
    const bd = personGroups && r.bd === '' ? NO_GROUP : r.bd
    byBd.set(bd, [...(byBd.get(bd) ?? []), r])
  }
  return {
    steps,
    windowSeconds: options.windowSeconds,
    order: options.order,
    deduplicate: options.deduplicate,
    total: group('', totalRows),
    groups:
      options.breakdown === 'none' && !personGroups
        ? []
        : [...byBd]
            .map(([bd, rs]) => group(bd, rs))
            .sort((a, b) => (b.steps[0]?.persons ?? 0) - (a.steps[0]?.persons ?? 0) || byBreakdown(a, b)),
  }
}
