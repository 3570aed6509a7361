import { wilsonInterval } from '../stats/wilson-interval.ts'

/** A rate with its Wilson score interval (see stats/wilson-interval.ts for why Wilson). */
export interface ProportionInterval {
  successes: number
  trials: number
  /** successes / trials; NaN when there are no trials. */
  rate: number
  lower: number
  upper: number
}

/** `successes` of `trials` as a rate with its Wilson interval (95 % by default). */
export function proportionInterval(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  if (!Number.isFinite(trials) || trials < 0 || successes < 0 || successes > trials) {
    throw new RangeError(`proportionInterval: need 0 ≤ successes ≤ trials, got ${successes}/${trials}`)
  }
  const { lower, upper } = wilsonInterval(successes, trials, confidence)
  return { successes, trials, rate: trials === 0 ? Number.NaN : successes / trials, lower, upper }
}
