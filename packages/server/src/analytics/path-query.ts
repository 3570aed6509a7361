import { pathSankey, type SankeyDiagram } from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

export interface PathOptions {
  /** The anchor: an event name (or page/screen name). */
  event: string
  direction: 'after' | 'before'
  /** How many contacts after (or before) the anchor. */
  depth: number
  /** Name nodes by event or by touchpoint. */
  node: 'event' | 'touchpoint'
  nodesPerStep: number
}

/** Marks paths that end before `depth` contacts: the persons who stopped there. */
export const END_NODE = '(end)'

export interface PathResult {
  anchor: string
  direction: 'after' | 'before'
  /** Persons who had the anchor event in the range. */
  persons: number
  sankey: SankeyDiagram
}

/**
 * Most frequent paths after (or before) the first occurrence of an event per person, with
 * immediate repeats collapsed (ten page views of one category are one step). A path shorter
 * than `depth` ends in an "(end)" node, so drop-off is visible in the diagram.
 */
export async function paths(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: PathOptions,
): Promise<PathResult> {
  const column = o.node === 'touchpoint' ? 'e.touchpoint' : 'e.event'
  const slice =
    o.direction === 'after'
      ? 'arraySlice(names, pos, {depth:UInt32} + 1)'
      : 'arrayReverse(arraySlice(names, greatest(1, pos - {depth:UInt32}), pos - greatest(1, pos - {depth:UInt32}) + 1))'
  // Names sorted by their times as a key (no (time, name) tuples to build and take apart);
  // contacts in the same millisecond go by name, so a tie gives the same path every time.
  // HAVING tests for the anchor with an aggregate; the same as pos > 0, since collapsing repeats
  // never removes a name's first occurrence.
  const rows = await events.query<{
    step: number
    source: string
    target: string
    n: number
    persons: number
  }>(
    `SELECT i - 1 AS step, path[i] AS source, path[i + 1] AS target, count() AS n, any(total) AS persons
     FROM (
       SELECT path, count() OVER () AS total FROM (
         SELECT person,
           arraySort((n, time) -> (time, n), groupArray(name), groupArray(t)) AS raw,
           arrayFilter((x, previous) -> x != previous, raw, arraySlice(arrayPushFront(raw, ''), 1, length(raw))) AS names,
           indexOf(names, {anchor:String}) AS pos,
           ${slice} AS sliced,
           if(length(sliced) < {depth:UInt32} + 1, arrayPushBack(sliced, '${END_NODE}'), sliced) AS path
         FROM (${resolvedEvents(
           `toUnixTimestamp64Milli(e.event_time) AS t, ${column} AS name`,
           `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
            AND ${CONTACT_TYPES} AND name != ''`,
         )})
         GROUP BY person
         HAVING countIf(name = {anchor:String}) > 0
       )
     )
     ARRAY JOIN range(1, length(path)) AS i
     GROUP BY step, source, target
     ORDER BY step, n DESC`,
    { ws, from: range.from, to: range.to, anchor: o.event, depth: o.depth },
  )
  return {
    anchor: o.event,
    direction: o.direction,
    persons: num(rows[0]?.persons),
    sankey: pathSankey(
      rows.map((r) => ({ step: num(r.step), source: r.source, target: r.target, count: num(r.n) })),
      { nodesPerStep: o.nodesPerStep },
    ),
  }
}
