import { rateWithInterval, type RateWithInterval } from '@touchstone/core/lifecycle'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import { breakdownColumn, num, type Breakdown, type TimeRange } from './analytics-params.ts'
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
  breakdown: Breakdown
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
  /** Everyone together, then one group per breakdown value (channel/touchpoint of the first step). */
  total: FunnelGroup
  groups: FunnelGroup[]
}

/**
 * The steps a contact matches, as a bit mask computed in the scan: one `transform` of the event
 * name and one of the touchpoint (each runs once per LowCardinality dictionary entry), so the
 * aggregation tests bits instead of comparing strings five or more times per contact. A name can
 * stand for several steps (A → B → A): its mask then carries several bits.
 */
function stepMask(steps: string[], params: Record<string, unknown>): string {
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

/**
 * Ordered funnel with a conversion window per person (persons resolved through merges). Loose
 * order lets other events happen between steps; strict order (`strict_order`) ends the attempt
 * at any other contact in between. Time to convert is measured from the person's first step-1
 * contact to their first last-step contact after it.
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
  const modes = [
    options.order === 'strict' ? "'strict_order'" : '',
    options.deduplicate ? "'strict_deduplication'" : '',
  ]
    .filter(Boolean)
    .map((m) => `, ${m}`)
    .join('')
  // Loose funnels only need the step contacts; strict ones must see every contact in between.
  const onlySteps = options.order === 'loose' ? `AND steps != 0` : ''
  const last = steps.length
  const bucketCases = TIME_TO_CONVERT_BUCKETS.slice(0, -1)
    .map((b, i) => `ttc < ${b.upTo * 1000}, ${i}`)
    .join(', ')
  const rows = await events.query<{
    grp: number
    bd: string
    level: number
    persons: number
    q: number[]
    buckets: number[]
  }>(
    `SELECT grouping(bd) AS grp, bd, level, count() AS persons,
            quantilesExactInclusiveIf(0.25, 0.5, 0.75, 0.9)(ttc, level = ${last}) AS q,
            [${TIME_TO_CONVERT_BUCKETS.map((_, b) => `countIf(level = ${last} AND bucket = ${b})`).join(', ')}] AS buckets
     FROM (
       SELECT person, level, bd, ttc, multiIf(${bucketCases}, ${TIME_TO_CONVERT_BUCKETS.length - 1}) AS bucket
       FROM (
         SELECT person,
           windowFunnel({window:UInt64}${modes})(toUInt64(t), ${conditions.join(', ')}) AS level,
           argMinIf(bd0, t, ${conditions[0]}) AS bd,
           minIf(t, ${conditions[0]}) AS firstStart,
           arrayMin(arrayFilter(x -> x >= firstStart, groupArrayIf(t, ${conditions[last - 1]}))) - firstStart AS ttc
         FROM (${resolvedEvents(
           `toUnixTimestamp64Milli(e.event_time) AS t, ${mask} AS steps,
            ${breakdownColumn(options.breakdown, 'e.')} AS bd0`,
           `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
            AND ${CONTACT_TYPES} ${onlySteps}`,
         )})
         GROUP BY person
       ) WHERE level > 0
     )
     GROUP BY GROUPING SETS ((level), (bd, level))`,
    params,
  )
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
    const q = top?.q.map((v) => num(v) / 1000)
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
  for (const r of rows.filter((x) => num(x.grp) === 0)) byBd.set(r.bd, [...(byBd.get(r.bd) ?? []), r])
  return {
    steps,
    windowSeconds: options.windowSeconds,
    order: options.order,
    deduplicate: options.deduplicate,
    total: group('', totalRows),
    groups:
      options.breakdown === 'none'
        ? []
        : [...byBd]
            .map(([bd, rs]) => group(bd, rs))
            .sort((a, b) => (b.steps[0]?.persons ?? 0) - (a.steps[0]?.persons ?? 0)),
  }
}
