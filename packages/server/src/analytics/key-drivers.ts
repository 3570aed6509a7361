import {
  driverCorrelations,
  relativeWeights,
  shapleyRegression,
  SHAPLEY_MAX_DRIVERS,
} from '@touchstone/core/drivers'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { anchorRange, respondentOutcomes } from './respondent-outcomes-query.ts'
import {
  RESPONSE_COLUMNS,
  RESPONSES_IN_RANGE,
  resolvedResponses,
  SATISFACTION_01,
} from './resolved-responses.ts'

export type DriverOutcome = 'nps' | 'repurchase' | 'churn'
export type DriverMethod = 'relative-weights' | 'shapley'

export interface KeyDriverOptions {
  outcome: DriverOutcome
  method: DriverMethod
  /** A touchpoint (or attribute) needs this many respondents with a value to be a driver. */
  minRespondents: number
  /** At most this many touchpoints, those with the most respondents. */
  maxDrivers: number
  windowDays: number
  event: string
}

/** One driver's importance and what it is. */
export interface KeyDriver {
  driver: string
  kind: 'touchpoint' | 'attribute'
  /** Respondents with their own value (the others get the mean). */
  respondents: number
  /** Mean of the driver over those respondents (0–1 satisfaction; −1…1 sentiment). */
  mean: number
  /** Pearson correlation with the outcome (after mean imputation). */
  correlation: number
  rawWeight: number
  share: number
}

export interface KeyDriverResult {
  outcome: DriverOutcome
  method: DriverMethod
  respondents: number
  /** Mean outcome: mean NPS answer (0–10), or the repurchase / churn rate. */
  outcomeMean: number
  rSquared: number
  drivers: KeyDriver[]
  /** Touchpoints with responses that fell short of minRespondents or maxDrivers. */
  skipped: Array<{ driver: string; respondents: number }>
}

interface Column {
  driver: string
  kind: KeyDriver['kind']
  values: Map<string, number>
}

/**
 * Key-driver analysis over respondents: which touchpoints' satisfaction (mean 0–1 of a person's
 * CSAT and CES answers there) and which attributes (comment sentiment; the latest NPS answer for
 * repurchase and churn) explain the outcome — the latest NPS answer, or whether the person bought
 * again / went silent in the `windowDays` after their latest response. A respondent without a
 * value for a driver gets the mean of those who have one ("no evidence either way", as in persona
 * features), which keeps the correlation matrix positive semi-definite; a driver's weight thus
 * reflects both how strongly it moves the outcome and how many respondents meet it. Importance by
 * Johnson's relative weights (default) or Shapley regression, both in packages/core/drivers.
 */
export async function keyDrivers(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: KeyDriverOptions,
): Promise<KeyDriverResult> {
  let window = range
  let outcome: Map<string, number>
  const columns: Column[] = []
  if (o.outcome === 'nps') {
    const rows = await events.query<{ person: string; score: number }>(
      `SELECT toString(person) AS person, argMax(score, (created_at, response_id)) AS score
       FROM (${resolvedResponses(RESPONSE_COLUMNS, `${RESPONSES_IN_RANGE} AND score_type = 'nps' AND score IS NOT NULL`)})
       GROUP BY person ORDER BY person`,
      { ws, from: range.from, to: range.to },
    )
    outcome = new Map(rows.map((r) => [r.person, num(r.score)]))
  } else {
    const anchors = anchorRange(range, o.windowDays)
    if (!anchors) {
      throw new TouchstoneError(
        'TS_BAD_REQUEST',
        `the range must be longer than windowDays (${o.windowDays}) so that every outcome window ends by \`to\``,
      )
    }
    window = anchors
    const respondents = await respondentOutcomes(events, ws, anchors, {
      scoreTypes: ['nps', 'csat', 'ces'],
      windowDays: o.windowDays,
      event: o.event,
    })
    outcome = new Map(
      respondents.map((r) => [r.person, (o.outcome === 'repurchase' ? r.purchased : !r.contacted) ? 1 : 0]),
    )
    const nps = new Map(respondents.filter((r) => r.nps !== null).map((r) => [r.person, r.nps! / 10]))
    columns.push({ driver: 'nps', kind: 'attribute', values: nps })
  }

  const params = { ws, from: window.from, to: window.to }
  const [touchpointRows, sentimentRows] = await Promise.all([
    events.query<{ person: string; touchpoint: string; value: number }>(
      `SELECT toString(person) AS person, touchpoint, avg(${SATISFACTION_01}) AS value
       FROM (${resolvedResponses(RESPONSE_COLUMNS, `${RESPONSES_IN_RANGE} AND score_type IN ('csat', 'ces') AND score IS NOT NULL AND touchpoint != ''`)}) AS r
       GROUP BY person, touchpoint`,
      params,
    ),
    events.query<{ person: string; value: number }>(
      `SELECT toString(person) AS person, avg(sentiment) AS value
       FROM (${resolvedResponses(RESPONSE_COLUMNS, `${RESPONSES_IN_RANGE} AND sentiment IS NOT NULL AND comment != ''`)})
       GROUP BY person`,
      params,
    ),
  ])
  const byTouchpoint = new Map<string, Map<string, number>>()
  for (const r of touchpointRows) {
    if (!outcome.has(r.person)) continue
    const values = byTouchpoint.get(r.touchpoint) ?? new Map<string, number>()
    values.set(r.person, num(r.value))
    byTouchpoint.set(r.touchpoint, values)
  }
  const ranked = [...byTouchpoint]
    .map(([driver, values]) => ({ driver, kind: 'touchpoint' as const, values }))
    .sort((a, b) => b.values.size - a.values.size || a.driver.localeCompare(b.driver))
  const skipped: KeyDriverResult['skipped'] = []
  for (const column of ranked) {
    const touchpoints = columns.filter((c) => c.kind === 'touchpoint').length
    if (column.values.size >= o.minRespondents && touchpoints < o.maxDrivers) columns.push(column)
    else skipped.push({ driver: column.driver, respondents: column.values.size })
  }
  const sentiment = new Map(
    sentimentRows.filter((r) => outcome.has(r.person)).map((r) => [r.person, num(r.value)]),
  )
  columns.push({ driver: 'sentiment', kind: 'attribute', values: sentiment })
  const usable = columns.filter((c) => c.values.size >= o.minRespondents)
  for (const c of columns) {
    if (c.kind === 'attribute' && !usable.includes(c))
      skipped.push({ driver: c.driver, respondents: c.values.size })
  }

  const persons = [...outcome.keys()].sort()
  const y = persons.map((p) => outcome.get(p)!)
  const outcomeMean = y.length ? y.reduce((s, v) => s + v, 0) / y.length : 0
  const base = { outcome: o.outcome, method: o.method, respondents: persons.length, outcomeMean, skipped }
  if (persons.length < 3 || usable.length === 0) return { ...base, rSquared: 0, drivers: [] }
  if (o.method === 'shapley' && usable.length > SHAPLEY_MAX_DRIVERS) {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `shapley handles at most ${SHAPLEY_MAX_DRIVERS} drivers; ${usable.length} qualify — lower maxDrivers or use relative-weights`,
    )
  }

  const means = usable.map((c) => [...c.values.values()].reduce((s, v) => s + v, 0) / c.values.size)
  const rows = persons.map((p) => usable.map((c, j) => c.values.get(p) ?? means[j]!))
  // Column indices as names: a touchpoint may be called like an attribute ("nps").
  const correlations = driverCorrelations(
    usable.map((_, j) => String(j)),
    rows,
    y,
  )
  const importance = o.method === 'shapley' ? shapleyRegression(correlations) : relativeWeights(correlations)
  return {
    ...base,
    rSquared: importance.rSquared,
    drivers: importance.weights.map((w) => {
      const j = Number(w.driver)
      const c = usable[j]!
      return {
        driver: c.driver,
        kind: c.kind,
        respondents: c.values.size,
        mean: means[j]!,
        correlation: correlations.outcomeCorrelations[j]!,
        rawWeight: w.rawWeight,
        share: w.share,
      }
    }),
  }
}
