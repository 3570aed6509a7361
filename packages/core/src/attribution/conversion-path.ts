/**
 * The input and output shapes shared by every attribution model: a conversion path is the
 * ordered list of touchpoints one customer journey passed through before it converted or
 * ended, and an attribution is the credit each channel receives for the conversions.
 */

/** One contact of a journey with a channel, at a point in time (epoch milliseconds). */
export interface PathTouchpoint {
  channel: string
  timestamp: number
}

/** One journey, or `count` identical journeys, and whether it ended in a conversion. */
export interface ConversionPath {
  /** Touchpoints in the order they happened. */
  touchpoints: readonly PathTouchpoint[]
  converted: boolean
  /** Value of one conversion (revenue); 0 when absent. */
  value?: number
  /** How many identical journeys this row stands for (aggregated input); 1 when absent. */
  count?: number
  /** When the conversion happened (epoch ms); defaults to the last touchpoint's timestamp. */
  conversionTime?: number
}

/** The credit one channel receives. */
export interface ChannelAttribution {
  channel: string
  /** Attributed conversions (fractional). */
  conversions: number
  /** Attributed conversion value. */
  value: number
  /** Fraction of all attributed conversions; the shares of a result sum to 1. */
  share: number
}

/** Turns accumulated per-channel credit into a result sorted by conversions, then channel name. */
export function toChannelAttribution(
  credit: ReadonlyMap<string, { conversions: number; value: number }>,
): ChannelAttribution[] {
  let total = 0
  for (const c of credit.values()) total += c.conversions
  return [...credit.entries()]
    .map(([channel, c]) => ({
      channel,
      conversions: c.conversions,
      value: c.value,
      share: total > 0 ? c.conversions / total : 0,
    }))
    .sort((a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : 1))
}

/** How many journeys a path stands for, rejecting negative or non-finite counts. */
export function pathCount(path: ConversionPath): number {
  const count = path.count ?? 1
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`invalid path count ${count}`)
  return count
}
