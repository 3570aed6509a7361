import { toChannelAttribution } from './conversion-path.ts'
import { isPathSet, pathSetSize, toPathSet, type PathSet } from './path-set.ts'
import type { ChannelAttribution, ConversionPath, PathTouchpoint } from './conversion-path.ts'

/**
 * Rule-based ("heuristic") multi-touch attribution: each converted path hands out one
 * conversion and its value over its touchpoints by a fixed weighting rule. Paths that did not
 * convert, or have no touchpoints, contribute nothing.
 */
export const HEURISTIC_MODELS = [
  'first-touch',
  'last-touch',
  'linear',
  'time-decay',
  'position-based',
] as const
export type HeuristicModel = (typeof HEURISTIC_MODELS)[number]

export interface HeuristicOptions {
  /**
   * Half-life of the time-decay model in days: a touchpoint this long before the conversion
   * gets half the weight of one at the conversion (Google Analytics' definition).
   * @default 7
   */
  halfLifeDays?: number
  /**
   * Shares of the first and last touchpoint in the position-based ("U-shaped") model; the rest
   * is split evenly over the touchpoints in between.
   * @default 0.4
   */
  endpointShare?: number
}

const DAY_MS = 86_400_000

/** Weights (summing to 1) that a heuristic model gives the touchpoints of one path. */
export function touchpointWeights(
  model: HeuristicModel,
  touchpoints: readonly PathTouchpoint[],
  conversionTime?: number,
  options: HeuristicOptions = {},
): number[] {
  const timestamps = touchpoints.map((t) => t.timestamp)
  const weights = new Float64Array(timestamps.length)
  fillWeights(model, timestamps, 0, timestamps.length, conversionTime, options, weights)
  return Array.from(weights)
}

/**
 * The weights of the `n` touchpoints whose times are `timestamps[from …]`, written into the
 * first `n` entries of `weights` (a buffer reused across paths: no array per path and model).
 */
function fillWeights(
  model: HeuristicModel,
  timestamps: ArrayLike<number>,
  from: number,
  n: number,
  conversionTime: number | undefined,
  options: HeuristicOptions,
  weights: Float64Array,
): void {
  if (n === 0) return
  switch (model) {
    case 'first-touch':
      weights.fill(0, 0, n)
      weights[0] = 1
      return
    case 'last-touch':
      weights.fill(0, 0, n)
      weights[n - 1] = 1
      return
    case 'linear':
      weights.fill(1 / n, 0, n)
      return
    case 'time-decay': {
      const halfLife = (options.halfLifeDays ?? 7) * DAY_MS
      if (!(halfLife > 0)) throw new RangeError('halfLifeDays must be positive')
      const end = conversionTime ?? (timestamps[from + n - 1] as number)
      let total = 0
      for (let i = 0; i < n; i++) {
        // Touchpoints after the stated conversion time (clock skew) count as at the conversion.
        const age = Math.max(0, end - (timestamps[from + i] as number))
        weights[i] = Math.pow(2, -age / halfLife)
        total += weights[i] as number
      }
      for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / total
      return
    }
    case 'position-based': {
      const endpoint = options.endpointShare ?? 0.4
      if (!(endpoint >= 0 && endpoint <= 0.5)) throw new RangeError('endpointShare must be in [0, 0.5]')
      // One touchpoint takes all; with two there is no middle to receive the rest: split evenly, as GA did.
      if (n <= 2) {
        weights.fill(1 / n, 0, n)
        return
      }
      weights.fill((1 - 2 * endpoint) / (n - 2), 0, n)
      weights[0] = endpoint
      weights[n - 1] = endpoint
      return
    }
  }
}

/** Attributes the conversions and values of converted paths to channels with a heuristic model. */
export function heuristicAttribution(
  paths: readonly ConversionPath[] | PathSet,
  model: HeuristicModel,
  options: HeuristicOptions = {},
): ChannelAttribution[] {
  return heuristicAttributions(paths, [model], options)[model] as ChannelAttribution[]
}

/** Several heuristic models in one pass over the paths (as objects or as a PathSet). */
export function heuristicAttributions<M extends HeuristicModel>(
  paths: readonly ConversionPath[] | PathSet,
  models: readonly M[],
  options: HeuristicOptions = {},
): Record<M, ChannelAttribution[]> {
  const set = isPathSet(paths) ? paths : toPathSet(paths)
  const channels = set.channels.length
  const conversions = models.map(() => new Float64Array(channels))
  const values = models.map(() => new Float64Array(channels))
  // Channels seen on a converted path stay in the result, with zero credit if need be.
  const credited = new Uint8Array(channels)
  let weights = new Float64Array(64)
  for (let p = 0; p < pathSetSize(set); p++) {
    const from = set.start[p]!
    const n = set.start[p + 1]! - from
    if (!set.converted[p] || n === 0) continue
    if (n > weights.length) weights = new Float64Array(2 * n)
    const count = set.count[p]!
    const value = set.value[p]! * count
    const time = set.conversionTime[p]!
    for (let m = 0; m < models.length; m++) {
      fillWeights(models[m]!, set.timestamp, from, n, Number.isNaN(time) ? undefined : time, options, weights)
      const c = conversions[m]!
      const v = values[m]!
      for (let i = 0; i < n; i++) {
        const channel = set.channel[from + i]!
        credited[channel] = 1
        c[channel]! += weights[i]! * count
        v[channel]! += weights[i]! * value
      }
    }
  }
  const out = {} as Record<M, ChannelAttribution[]>
  models.forEach((model, m) => {
    const credit = new Map<string, { conversions: number; value: number }>()
    set.channels.forEach((channel, id) => {
      if (credited[id]) credit.set(channel, { conversions: conversions[m]![id]!, value: values[m]![id]! })
    })
    out[model] = toChannelAttribution(credit)
  })
  return out
}
