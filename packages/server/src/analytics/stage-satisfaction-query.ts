import { JOURNEY_STAGES, type JourneyStage } from '@touchstone/core'
import type { EventStore } from '../stores/events/event-store.ts'
import type { TimeRange } from './analytics-params.ts'
import {
  RESPONSE_COLUMNS,
  RESPONSES_IN_RANGE,
  SATISFACTION_AGGREGATES,
  resolvedResponses,
  satisfactionOf,
  type Satisfaction,
  type SatisfactionRow,
} from './resolved-responses.ts'

/** How customers felt in one journey stage: NPS, CSAT and comment sentiment of its responses. */
export interface StageSatisfaction extends Satisfaction {
  stage: JourneyStage
}

/**
 * NPS, CSAT and mean comment sentiment per journey stage, from the responses of the range.
 * A response carries the stage its person was in when it was given (`responses.stage`), so the
 * answer is "how do people feel while they are in this stage", not a re-derivation from events.
 * Always the seven stages in journey order; a stage without responses has nulls.
 */
export async function stageSatisfaction(
  events: EventStore,
  ws: string,
  range: TimeRange,
): Promise<StageSatisfaction[]> {
  const rows = await events.query<SatisfactionRow & { stage: string }>(
    `SELECT r.stage AS stage, ${SATISFACTION_AGGREGATES}
     FROM (${resolvedResponses(RESPONSE_COLUMNS, `${RESPONSES_IN_RANGE} AND stage IN {stages:Array(String)}`)}) AS r
     GROUP BY stage`,
    { ws, from: range.from, to: range.to, stages: [...JOURNEY_STAGES] },
  )
  const byStage = new Map(rows.map((r) => [r.stage, r]))
  return JOURNEY_STAGES.map((stage) => {
    const row = byStage.get(stage)
    const empty = { responses: 0, nps: null, csat: null, sentiment: null }
    return { stage, ...(row ? satisfactionOf(row) : empty) }
  })
}
