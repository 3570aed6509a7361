import { DEFAULT_CONFIDENCE, hasTooFewResponses, type ConfidenceInterval } from './confidence-interval.ts'
import { quantileFromCounts } from './quantile.ts'
import { wilsonInterval } from './wilson-interval.ts'

/** Durations as a histogram: `seconds[i]` occurred `counts[i]` times. */
export interface DurationHistogram {
  seconds: readonly number[]
  counts: readonly number[]
}

/** What the store counted for one group of customer contacts (calls, e-mails, chats). */
export interface ContactCounts {
  contacts: number
  answered: number
  /** Time from the contact to the company's first answer, of the answered contacts. */
  firstResponse: DurationHistogram
  /** Time from the contact to its resolution, of the contacts with a resolution event. */
  resolution: DurationHistogram
}

/** Median and 90th percentile of a set of durations (NaN when there are none). */
export interface DurationSummary {
  n: number
  medianSeconds: number
  p90Seconds: number
}

/** How reachable the company was for one group of contacts. */
export interface Reachability {
  contacts: number
  answered: number
  unanswered: number
  /** answered ÷ contacts, 0…1 (NaN without contacts). */
  answerRate: number
  /** Wilson score interval of the answer rate. */
  interval: ConfidenceInterval
  tooFewContacts: boolean
  firstResponse: DurationSummary
  resolution: DurationSummary
}

function summarize(h: DurationHistogram): DurationSummary {
  let n = 0
  for (const c of h.counts) n += c
  return {
    n,
    medianSeconds: quantileFromCounts(h.seconds, h.counts, 0.5),
    p90Seconds: quantileFromCounts(h.seconds, h.counts, 0.9),
  }
}

/**
 * Answer rate with its Wilson interval (a proportion near 1 for a good hotline, where the Wald
 * interval would cross 100 %), first-response and resolution times as median and p90 (type-7
 * quantiles): the "unanswered hotline" view of a contact centre.
 * @example reachability({ contacts: 10, answered: 8, firstResponse: { seconds: [30], counts: [8] }, resolution: { seconds: [], counts: [] } }).answerRate // 0.8
 */
export function reachability(c: ContactCounts, confidence: number = DEFAULT_CONFIDENCE): Reachability {
  if (c.answered > c.contacts) throw new RangeError('answered cannot exceed contacts')
  return {
    contacts: c.contacts,
    answered: c.answered,
    unanswered: c.contacts - c.answered,
    answerRate: c.contacts > 0 ? c.answered / c.contacts : NaN,
    interval: wilsonInterval(c.answered, c.contacts, confidence),
    tooFewContacts: hasTooFewResponses(c.contacts),
    firstResponse: summarize(c.firstResponse),
    resolution: summarize(c.resolution),
  }
}
