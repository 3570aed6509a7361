import type { ConfidenceInterval } from '../stats/confidence-interval.ts'
import { hasTooFewResponses } from '../stats/confidence-interval.ts'
import { wilsonInterval } from '../stats/wilson-interval.ts'

/** A follow-up of one resolved detractor case: whether it went out, and the NPS answered (if any). */
export interface DetractorFollowUp {
  sent: boolean
  /** The follow-up's NPS score (0–10), or null when not answered (or answered without a score). */
  score: number | null
}

/** The recovered-detractor rate of a period. */
export interface RecoveredDetractors {
  /** Resolved detractor cases in the period. */
  cases: number
  followUpsSent: number
  /** Follow-ups answered with a score: the n of the share. */
  n: number
  /** Follow-up score ≥ 7 (passive or promoter). */
  recovered: number
  /** recovered ÷ n, or null without answers. */
  share: number | null
  /** Wilson interval of the share. */
  interval: ConfidenceInterval
  tooFewResponses: boolean
}

/** The lowest NPS score that no longer counts as a detractor (passives are 7–8). */
export const RECOVERED_AT_LEAST = 7

/**
 * Of detractors whose case was resolved and who answered the follow-up survey, the share that
 * now answer 7–10 (passive or promoter), with its Wilson interval (binomial proportion).
 * @example recoveredDetractors([{ sent: true, score: 9 }, { sent: true, score: 4 }]).share // 0.5
 */
export function recoveredDetractors(
  followUps: readonly DetractorFollowUp[],
  confidence = 0.95,
): RecoveredDetractors {
  const answered = followUps.filter((f) => f.score !== null)
  const recovered = answered.filter((f) => (f.score as number) >= RECOVERED_AT_LEAST).length
  const n = answered.length
  return {
    cases: followUps.length,
    followUpsSent: followUps.filter((f) => f.sent).length,
    n,
    recovered,
    share: n > 0 ? recovered / n : null,
    interval: wilsonInterval(recovered, n, confidence),
    tooFewResponses: hasTooFewResponses(n),
  }
}
