import {
  HEURISTIC_MODELS,
  heuristicAttributions,
  markovAttribution,
  pathSetSize,
  type ChannelAttribution,
  type PathSet,
  type HeuristicModel,
  type RemovalEffect,
} from '@touchstone/core/attribution'
import type { EventStore } from '../stores/events/event-store.ts'
import { chTime, num, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents, resolvedPersons } from './resolved-events.ts'

const DAY_MS = 86_400_000
/** Touches kept per path: the most recent ones; older ones rarely change any model's credit. */
const MAX_TOUCHES = 20

export interface AttributionOptions {
  conversionEvent: string
  /** Touches count for a conversion only within this many days before it. */
  lookbackDays: number
  level: 'channel' | 'touchpoint'
  halfLifeDays: number
}

export interface AttributionResult {
  conversionEvent: string
  level: 'channel' | 'touchpoint'
  conversions: number
  revenue: number
  /** Journeys without a conversion (inform the Markov model only). */
  nonConvertingPaths: number
  models: Record<HeuristicModel | 'markov', ChannelAttribution[]>
  markov: { conversionProbability: number; removalEffects: RemovalEffect[] }
  /** Where converting persons originally came from: their first contact ever. */
  origins: Array<{ name: string; persons: number; share: number }>
}

/** Bits of a contact key: milliseconds since the scan start, then the conversion flag and a payload. */
const PAYLOAD_BITS = 24
const CONVERSION_BIT = PAYLOAD_BITS
const TIME_SHIFT = PAYLOAD_BITS + 1
/** The longest scan a key can hold: 2^39 ms ≈ 17 years. */
const MAX_SPAN_MS = 2 ** (64 - TIME_SHIFT)

/**
 * Multi-touch attribution of a conversion event. Each person's contacts are cut into journeys
 * that end at a conversion (the contacts since the previous one, within the lookback), plus a
 * final journey without conversion; immediate repeats of the same channel/touchpoint are merged.
 * Identical journeys are aggregated in SQL (touch ages in whole days), then every heuristic
 * model and the Markov removal effect run on them in packages/core.
 *
 * Each contact is one UInt64 key: ms since the scan start, a conversion bit, then 24 bits that
 * hold the channel's index in a sorted dictionary (touches) or a hash of the message id
 * (conversions). One numeric `arraySort` per person orders contacts by time, touches before a
 * conversion of the same millisecond, ties by name; a message stored twice (before the table
 * merged it) lands next to its copy with an equal key and one neighbour comparison drops it.
 * Two touches with equal time and channel also fold into one, which changes nothing: repeats
 * merge anyway. Two different conversions of one person in the same millisecond fold only if
 * 24 bits of their message ids' hashes agree (1 in 16.7 million). Against sorting (time,
 * message id, name, …) tuples: ≈ 2× less CPU on 10 M events, with answers identical up to the
 * order of same-millisecond contacts (benchmarks.md).
 */
export async function attribution(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: AttributionOptions,
): Promise<AttributionResult> {
  const column = o.level === 'touchpoint' ? 'e.touchpoint' : 'e.channel'
  const scanFromMs = range.fromMs - o.lookbackDays * DAY_MS
  // parseRange allows 3,660 days and the lookback at most 365: 11 years, well inside the key.
  if (range.toMs - scanFromMs >= MAX_SPAN_MS) throw new RangeError('attribution scan longer than 17 years')
  const params = {
    ws,
    from: range.from,
    to: range.to,
    scanFrom: chTime(scanFromMs),
    scanFromMs,
    fromMs: range.fromMs,
    conv: o.conversionEvent,
    lookback: o.lookbackDays * DAY_MS,
  }
  const inScan = `AND e.event_time >= {scanFrom:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
    AND ${CONTACT_TYPES}`
  const payload = 2 ** PAYLOAD_BITS
  const key = `bitShiftLeft(toUInt64(toUnixTimestamp64Milli(e.event_time) - {scanFromMs:Int64}), ${TIME_SHIFT})
    + if(is_conv, ${payload} + cityHash64(e.message_id) % ${payload}, toUInt64(transform(${column}, {dict:Array(String)}, range(1, length({dict:Array(String)}) + 1), 0)))`
  // The channels (or touchpoints) of the scan, sorted: contacts carry their 1-based index, so
  // the query sorts and returns numbers instead of strings.
  const [{ dict = [] } = {}] = await events.query<{ dict: string[] }>(
    `SELECT arraySort(groupUniqArray(${column})) AS dict FROM events AS e WHERE e.workspace_id = {ws:String} ${inScan}`,
    params,
  )
  const journeys = await events.queryColumns<Journeys>(
    `SELECT idx, ages, converted, toUInt32(count()) AS n, sum(value) AS value FROM (
       SELECT
         arrayFilter(x -> NOT bitTest(x, ${CONVERSION_BIT}) AND bitShiftRight(x, ${TIME_SHIFT}) + {lookback:Int64} >= endTime, chunk) AS touches,
         arrayMap(x -> x % ${payload}, touches) AS touchNames,
         -- The last touch of each run of one channel.
         arrayFilter((x, next) -> x != next, touchNames, arraySlice(arrayPushBack(touchNames, 0), 2)) AS runNames,
         arrayFilter((x, name, next) -> name != next, touches, touchNames, arraySlice(arrayPushBack(touchNames, 0), 2)) AS runs,
         arrayMap(x -> toUInt32(x), arraySlice(runNames, -${MAX_TOUCHES})) AS idx,
         if(converted, arrayMap(x -> toUInt32(intDiv(endTime - bitShiftRight(x, ${TIME_SHIFT}), ${DAY_MS})), arraySlice(runs, -${MAX_TOUCHES})), []) AS ages,
         converted, value
       FROM (
         SELECT chunk, bitTest(chunk[-1], ${CONVERSION_BIT}) AS converted,
           bitShiftRight(chunk[-1], ${TIME_SHIFT}) AS endTime,
           if(converted, arrayFirst(r -> r.1 = chunk[-1], revenues).2, 0) AS value
         FROM (
           -- A touch whose name is not in the dictionary (index 0) arrived after it was read: left out.
           SELECT person, arraySort(groupArrayIf(key, is_conv OR key % ${payload} != 0)) AS sorted,
             arrayFilter((x, prev) -> x != prev, sorted, arrayPushFront(arrayPopBack(sorted), 0)) AS contacts,
             arrayReverseSplit(x -> bitTest(x, ${CONVERSION_BIT}), contacts) AS chunks,
             groupArrayIf((key, revenue), is_conv) AS revenues
           FROM (${resolvedEvents(
             `e.event = {conv:String} AS is_conv, ${key} AS key,
              if(is_conv, JSONExtractFloat(e.properties, 'revenue'), 0) AS revenue`,
             inScan,
           )})
           GROUP BY person
         )
         ARRAY JOIN chunks AS chunk
         WHERE endTime + {scanFromMs:Int64} >= {fromMs:Int64}
       )
     )
     WHERE length(idx) > 0 OR converted
     GROUP BY idx, ages, converted`,
    { ...params, dict },
  )
  // Started now: it runs in the engine while the models run on this thread (beside the journeys
  // query it only slowed that down: both want both cores).
  const origin = origins(events, o.level, params)
  const paths = pathSetOf(journeys, dict)
  let conversions = 0
  let revenue = 0
  let nonConverting = 0
  for (let p = 0; p < pathSetSize(paths); p++) {
    if (paths.converted[p]) {
      conversions += paths.count[p]!
      revenue += paths.value[p]! * paths.count[p]!
    } else nonConverting += paths.count[p]!
  }
  const markov = markovAttribution(paths)
  const models: AttributionResult['models'] = {
    ...heuristicAttributions(paths, HEURISTIC_MODELS, { halfLifeDays: o.halfLifeDays }),
    markov: markov.attribution,
  }
  const firstContacts = await origin
  const originTotal = firstContacts.reduce((s, r) => s + num(r.persons), 0)
  return {
    conversionEvent: o.conversionEvent,
    level: o.level,
    conversions,
    revenue,
    nonConvertingPaths: nonConverting,
    models,
    markov: { conversionProbability: markov.conversionProbability, removalEffects: markov.removalEffects },
    origins: firstContacts.map((r) => ({
      name: r.name,
      persons: num(r.persons),
      share: originTotal > 0 ? num(r.persons) / originTotal : 0,
    })),
  }
}

/** Identical journeys, one entry per kind, as columns (see the query above). */
type Journeys = {
  idx: number[][]
  ages: number[][]
  converted: Array<number | boolean>
  n: Array<number | string>
  value: number[]
}

/**
 * The journeys as the models' columnar PathSet: touch ages (whole days before the conversion)
 * become timestamps before a conversion at 0; `idx` indexes `dict` from 1.
 */
function pathSetOf(journeys: Journeys, dict: string[]): PathSet {
  const paths = journeys.idx.length
  let touches = 0
  for (const idx of journeys.idx) touches += idx.length
  const set: PathSet = {
    channels: dict,
    start: new Uint32Array(paths + 1),
    channel: new Uint32Array(touches),
    timestamp: new Float64Array(touches),
    converted: new Uint8Array(paths),
    count: new Float64Array(paths),
    value: new Float64Array(paths),
    conversionTime: new Float64Array(paths),
  }
  let at = 0
  for (let p = 0; p < paths; p++) {
    set.start[p] = at
    const idx = journeys.idx[p]!
    const ages = journeys.ages[p]!
    for (let k = 0; k < idx.length; k++) {
      set.channel[at] = idx[k]! - 1
      set.timestamp[at] = -num(ages[k] ?? 0) * DAY_MS
      at++
    }
    const n = num(journeys.n[p])
    set.converted[p] = num(journeys.converted[p]) > 0 ? 1 : 0
    set.count[p] = n
    set.value[p] = n > 0 ? num(journeys.value[p]) / n : 0
  }
  set.start[paths] = at
  return set
}

/**
 * Converting persons per channel (or touchpoint) of their first contact ever, from the
 * first_contacts table (one row per stored person id; a merged person's first contact is the
 * earliest of their ids). A person who converted before `to` was first seen before it too.
 */
function origins(events: EventStore, level: 'channel' | 'touchpoint', params: Record<string, unknown>) {
  const first = level === 'touchpoint' ? 'by_touchpoint' : 'by_channel'
  return events.query<{ name: string; persons: number }>(
    `SELECT first.2 AS name, count() AS persons FROM (
       SELECT person, min(first) AS first
       FROM (${resolvedPersons(
         'p.first AS first',
         `SELECT person_id AS pid, ${first} AS first FROM first_contacts WHERE workspace_id = {ws:String}`,
       )})
       GROUP BY person
     )
     WHERE person IN (SELECT person FROM (${resolvedEvents(
       '1',
       `AND e.event = {conv:String} AND e.event_time >= {from:DateTime64(3, 'UTC')}
        AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
     )}))
     GROUP BY name ORDER BY persons DESC, name`,
    params,
  )
}
