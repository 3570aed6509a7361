import { pathCount, type ConversionPath } from './conversion-path.ts'

/**
 * Conversion paths stored as columns: one entry per path, the touchpoints of all paths one after
 * another. The models run on this form; an attribution query hands over 100 k+ aggregated paths
 * with a million touchpoints, and one object per touchpoint cost more (allocation, garbage
 * collection, a string lookup per touch and model) than the models' arithmetic.
 */
export interface PathSet {
  /** Channel names; `channel` holds indexes into this list. */
  channels: readonly string[]
  /** Path p's touchpoints are positions `start[p]` to `start[p + 1] − 1`; length = paths + 1. */
  start: Uint32Array
  /** Per touchpoint: index into `channels`. */
  channel: Uint32Array
  /** Per touchpoint: epoch milliseconds. */
  timestamp: Float64Array
  /** Per path: 1 when it ended in a conversion. */
  converted: Uint8Array
  /** Per path: how many identical journeys it stands for. */
  count: Float64Array
  /** Per path: value of one conversion. */
  value: Float64Array
  /** Per path: when it converted (epoch ms), NaN for "at the last touchpoint". */
  conversionTime: Float64Array
}

/** True for the columnar form (an array holds path objects). */
export function isPathSet(paths: readonly ConversionPath[] | PathSet): paths is PathSet {
  return !Array.isArray(paths)
}

/** The number of paths in a set. */
export function pathSetSize(set: PathSet): number {
  return set.start.length - 1
}

/** Paths as a PathSet (channels in order of first appearance); rejects negative or non-finite counts. */
export function toPathSet(paths: readonly ConversionPath[]): PathSet {
  let touches = 0
  for (const path of paths) touches += path.touchpoints.length
  const index = new Map<string, number>()
  const set: PathSet = {
    channels: [],
    start: new Uint32Array(paths.length + 1),
    channel: new Uint32Array(touches),
    timestamp: new Float64Array(touches),
    converted: new Uint8Array(paths.length),
    count: new Float64Array(paths.length),
    value: new Float64Array(paths.length),
    conversionTime: new Float64Array(paths.length),
  }
  const channels: string[] = []
  let at = 0
  paths.forEach((path, p) => {
    set.start[p] = at
    for (const touchpoint of path.touchpoints) {
      let id = index.get(touchpoint.channel)
      if (id === undefined) {
        index.set(touchpoint.channel, (id = channels.length))
        channels.push(touchpoint.channel)
      }
      set.channel[at] = id
      set.timestamp[at] = touchpoint.timestamp
      at++
    }
    set.converted[p] = path.converted ? 1 : 0
    set.count[p] = pathCount(path)
    set.value[p] = path.value ?? 0
    set.conversionTime[p] = path.conversionTime ?? Number.NaN
  })
  set.start[paths.length] = at
  set.channels = channels
  return set
}
