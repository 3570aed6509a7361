import { pathCount, toChannelAttribution } from './conversion-path.ts'
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
  const n = touchpoints.length
  if (n === 0) return []
  const weights = new Array<number>(n).fill(0)
  switch (model) {
    case 'first-touch':
      weights[0] = 1
      return weights
    case 'last-touch':
      weights[n - 1] = 1
      return weights
    case 'linear':
      return weights.fill(1 / n)
    case 'time-decay': {
      const halfLife = (options.halfLifeDays ?? 7) * DAY_MS
      if (!(halfLife > 0)) throw new RangeError('halfLifeDays must be positive')
      const end = conversionTime ?? (touchpoints[n - 1] as PathTouchpoint).timestamp
      let total = 0
      for (let i = 0; i < n; i++) {
        // Touchpoints after the stated conversion time (clock skew) count as at the conversion.
        const age = Math.max(0, end - (touchpoints[i] as PathTouchpoint).timestamp)
        weights[i] = Math.pow(2, -age / halfLife)
        total += weights[i] as number
      }
      return weights.map((w) => w / total)
    }
    case 'position-based': {
      const endpoint = options.endpointShare ?? 0.4
      if (!(endpoint >= 0 && endpoint <= 0.5)) throw new RangeError('endpointShare must be in [0, 0.5]')
      if (n === 1) return [1]
      // With two touchpoints there is no middle to receive the rest: split evenly, as GA did.
      if (n === 2) return [0.5, 0.5]
      weights.fill((1 - 2 * endpoint) / (n - 2))
      weights[0] = endpoint
      weights[n - 1] = endpoint
      return weights
    }
  }
}

/** Attributes the conversions and values of converted paths to channels with a heuristic model. */
export function heuristicAttribution(
  paths: readonly ConversionPath[],
  model: HeuristicModel,
  options: HeuristicOptions = {},
): ChannelAttribution[] {
  const credit = new Map<string, { conversions: number; value: number }>()
  for (const path of paths) {
    if (!path.converted || path.touchpoints.length === 0) continue
    const count = pathCount(path)
    const value = (path.value ?? 0) * count
    const weights = touchpointWeights(model, path.touchpoints, path.conversionTime, options)
    path.touchpoints.forEach((touchpoint, i) => {
      const w = weights[i] ?? 0
      const entry = credit.get(touchpoint.channel) ?? { conversions: 0, value: 0 }
      entry.conversions += w * count
      entry.value += w * value
      credit.set(touchpoint.channel, entry)
    })
  }
  return toChannelAttribution(credit)
}
