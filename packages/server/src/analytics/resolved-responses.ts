import {
  customerSatisfactionScoreFromCounts,
  netPromoterScoreFromCounts,
  type NpsCounts,
} from '@touchstone/core/stats'
import { num } from './analytics-params.ts'

const ZERO_UUID = `toUUID('00000000-0000-0000-0000-000000000000')`

/**
 * Survey responses of a workspace (newest version of each, `FINAL`) with the surviving person as
 * `person`, like resolvedEvents for events: a response keeps the person id it was given, a merge
 * maps it to the survivor. `where` adds conditions on the response columns (no prefix).
 */
export function resolvedResponses(select: string, where = ''): string {
  return `SELECT if(o.new_person_id = ${ZERO_UUID}, r.person_id, o.new_person_id) AS person, ${select}
    FROM (SELECT * FROM responses FINAL WHERE workspace_id = {ws:String} ${where}) AS r
    LEFT JOIN (SELECT old_person_id, argMax(new_person_id, version) AS new_person_id
               FROM person_overrides WHERE workspace_id = {ws:String} GROUP BY old_person_id) AS o
      ON r.person_id = o.old_person_id`
}

/** The response columns the analytics read, under their own names (select list of resolvedResponses). */
export const RESPONSE_COLUMNS = `r.response_id AS response_id, r.channel AS channel, r.touchpoint AS touchpoint,
  r.stage AS stage, r.score_type AS score_type, r.score AS score, r.comment AS comment,
  r.sentiment AS sentiment, r.sentiment_label AS sentiment_label, r.created_at AS created_at`

/** Responses created in [from, to). */
export const RESPONSES_IN_RANGE = `AND created_at >= {from:DateTime64(3, 'UTC')} AND created_at < {to:DateTime64(3, 'UTC')}`

/**
 * A response's score on one 0–1 satisfaction scale, so NPS, CSAT and CES can be compared and
 * averaged: NPS 0–10 → s/10, CSAT 1–5 → (s−1)/4, CES 1–7 → (7−s)/6 (a high effort is bad).
 * NULL without a score.
 */
export const SATISFACTION_01 = `multiIf(r.score IS NULL, NULL,
  r.score_type = 'nps', r.score / 10, r.score_type = 'csat', (r.score - 1) / 4,
  r.score_type = 'ces', (7 - r.score) / 6, NULL)`

/**
 * An unhappy experience: an NPS detractor (0–6), CSAT 1–2, CES 5–7 (hard), or a comment whose
 * sentiment is negative. This is the response-level definition breakpoints count.
 */
export const UNHAPPY = `(ifNull((r.score_type = 'nps' AND r.score <= 6) OR (r.score_type = 'csat' AND r.score <= 2)
  OR (r.score_type = 'ces' AND r.score >= 5), 0) OR r.sentiment_label = 'negative')`

/** The aggregate columns satisfactionOf reads: NPS categories, CSAT counts, sentiment. */
export const SATISFACTION_AGGREGATES = `count() AS responses,
  countIf(r.score_type = 'nps' AND r.score >= 9) AS promoters,
  countIf(r.score_type = 'nps' AND r.score BETWEEN 7 AND 8) AS passives,
  countIf(r.score_type = 'nps' AND r.score <= 6) AS detractors,
  countIf(r.score_type = 'csat' AND r.score IS NOT NULL) AS csat_n,
  countIf(r.score_type = 'csat' AND r.score >= 4) AS csat_satisfied,
  countIf(r.sentiment IS NOT NULL AND r.comment != '') AS comments,
  avgIf(r.sentiment, r.sentiment IS NOT NULL AND r.comment != '') AS sentiment`

/** One score with its 95 % interval; null when nobody gave that score. */
export interface ScoreWithInterval {
  n: number
  score: number
  lower: number
  upper: number
}

/** NPS, CSAT and comment sentiment of a group of responses. */
export interface Satisfaction {
  responses: number
  /** −100 … 100 with the adjusted-Wald interval. */
  nps: ScoreWithInterval | null
  /** Share of 4–5 answers in percent, Wilson interval. */
  csat: ScoreWithInterval | null
  /** Mean sentiment (−1 … 1) of the responses with a comment; null without comments. */
  sentiment: { comments: number; mean: number } | null
}

/** The row shape SATISFACTION_AGGREGATES yields. */
export interface SatisfactionRow {
  responses: unknown
  promoters: unknown
  passives: unknown
  detractors: unknown
  csat_n: unknown
  csat_satisfied: unknown
  comments: unknown
  sentiment: unknown
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

/** Turns SATISFACTION_AGGREGATES counts into scores with intervals (packages/core/stats). */
export function satisfactionOf(row: SatisfactionRow): Satisfaction {
  const counts: NpsCounts = {
    promoters: num(row.promoters),
    passives: num(row.passives),
    detractors: num(row.detractors),
  }
  const npsN = counts.promoters + counts.passives + counts.detractors
  const nps = npsN > 0 ? netPromoterScoreFromCounts(counts) : undefined
  const csatN = num(row.csat_n)
  const csat = csatN > 0 ? customerSatisfactionScoreFromCounts(num(row.csat_satisfied), csatN) : undefined
  const comments = num(row.comments)
  return {
    responses: num(row.responses),
    nps: nps
      ? {
          n: npsN,
          score: round(nps.score),
          lower: round(nps.interval.lower),
          upper: round(nps.interval.upper),
        }
      : null,
    csat: csat
      ? {
          n: csatN,
          score: round(csat.score),
          lower: round(csat.interval.lower),
          upper: round(csat.interval.upper),
        }
      : null,
    sentiment: comments > 0 ? { comments, mean: round(num(row.sentiment)) } : null,
  }
}
