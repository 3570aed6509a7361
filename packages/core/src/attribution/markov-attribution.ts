import { toChannelAttribution } from './conversion-path.ts'
import { isPathSet, pathSetSize, toPathSet, type PathSet } from './path-set.ts'
import type { ChannelAttribution, ConversionPath } from './conversion-path.ts'
import { buildMarkovChain, conversionProbability } from './markov-chain.ts'
import type { MarkovChainOptions } from './markov-chain.ts'

/** The removal effect of one channel (Anderl et al. 2016). */
export interface RemovalEffect {
  channel: string
  /** 1 − P(conversion without the channel) / P(conversion), in [0, 1]. */
  removalEffect: number
  /** P(conversion) with the channel removed. */
  conversionProbabilityWithout: number
}

export interface MarkovAttribution {
  /** P(conversion) of the full chain. */
  conversionProbability: number
  removalEffects: RemovalEffect[]
  /** Observed conversions and value distributed by normalised removal effects. */
  attribution: ChannelAttribution[]
}

/**
 * Data-driven attribution with the removal effects of a first-order Markov chain (Anderl,
 * Becker, von Wangenheim & Schumann 2016): each channel's share of the observed conversions
 * (and their value) is its removal effect divided by the sum of all removal effects. Paths
 * without touchpoints carry no information about channels and are ignored.
 */
export function markovAttribution(
  paths: readonly ConversionPath[] | PathSet,
  options: MarkovChainOptions = {},
): MarkovAttribution {
  const set = isPathSet(paths) ? paths : toPathSet(paths)
  const chain = buildMarkovChain(set, options)
  const base = conversionProbability(chain)
  let conversions = 0
  let value = 0
  for (let p = 0; p < pathSetSize(set); p++) {
    if (!set.converted[p] || set.start[p + 1] === set.start[p]) continue
    conversions += set.count[p]!
    value += set.value[p]! * set.count[p]!
  }

  const removalEffects = chain.channels.map((channel) => {
    const without = conversionProbability(chain, new Set([channel]))
    return {
      channel,
      conversionProbabilityWithout: without,
      removalEffect: base > 0 ? 1 - without / base : 0,
    }
  })
  const totalEffect = removalEffects.reduce((sum, r) => sum + r.removalEffect, 0)
  const credit = new Map<string, { conversions: number; value: number }>()
  for (const r of removalEffects) {
    const share = totalEffect > 0 ? r.removalEffect / totalEffect : 0
    credit.set(r.channel, { conversions: share * conversions, value: share * value })
  }
  return {
    conversionProbability: base,
    removalEffects: removalEffects.sort(
      (a, b) => b.removalEffect - a.removalEffect || (a.channel < b.channel ? -1 : 1),
    ),
    attribution: toChannelAttribution(credit),
  }
}
