/** A two-sided confidence interval on the scale of the statistic it belongs to. */
export interface ConfidenceInterval {
  lower: number
  upper: number
  /** Confidence level, e.g. 0.95. */
  confidence: number
}

/**
 * Below this many responses a score is still computed but flagged `tooFewResponses`: the normal
 * approximations behind the intervals (Wald, Wilson, t) are rough for small samples, and a CX team
 * should not act on an NPS that moves 20 points when one respondent changes their mind. 30 is the
 * usual rule of thumb for the central limit theorem to make a mean or proportion near-normal.
 * @default 30
 */
export const MIN_RESPONSES = 30

/** The confidence level used when the caller gives none. @default 0.95 */
export const DEFAULT_CONFIDENCE = 0.95

/** True when `n` responses are too few to trust the interval (n < minimum, default MIN_RESPONSES). */
export function hasTooFewResponses(n: number, minimum: number = MIN_RESPONSES): boolean {
  return n < minimum
}

/** Throws a RangeError unless 0 < confidence < 1. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`)
  }
}

/** Clamps an interval to [min, max], for statistics with a bounded range (proportions, NPS). */
export function clampInterval(
  lower: number,
  upper: number,
  min: number,
  max: number,
  confidence: number,
): ConfidenceInterval {
  return { lower: Math.max(min, lower), upper: Math.min(max, upper), confidence }
}
