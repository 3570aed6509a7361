import { CHANNELS } from '../journey/vocabulary.ts'
import type { Channel } from '../journey/vocabulary.ts'

/**
 * What persona discovery knows about one person, aggregated over their events and survey
 * responses (the server computes it with SQL; this package only clusters and describes).
 */
export interface PersonFeatures {
  personId: string
  /** Days since the last purchase (or last activity, for persons who never bought). */
  recencyDays: number
  /** Number of purchases. */
  frequency: number
  /** Total spend (revenue from this person). */
  monetary: number
  /** Share of the person's touchpoints per channel, 0–1, summing to 1 (absent channels 0). */
  channelMix: Partial<Record<Channel, number>>
  /** Number of touchpoints (events) seen. */
  touchpointCount: number
  /** Latest NPS answer, 0–10, when known. */
  nps?: number | null
  /** Latest CSAT answer, 1–5, when known. */
  csat?: number | null
  /** Mean sentiment of the person's free-text comments, −1…1, when known. */
  sentiment?: number | null
  /** Index of the person's current journey stage in JOURNEY_STAGES (0 = pre-awareness). */
  stageIndex: number
  /** Days since the person was first seen. */
  tenureDays: number
}

/** The name of one numeric clustering feature. */
export type FeatureName =
  | 'recencyDays'
  | 'frequency'
  | 'monetary'
  | 'touchpointCount'
  | 'tenureDays'
  | 'stageIndex'
  | 'nps'
  | 'csat'
  | 'sentiment'
  | `channel:${Channel}`

/** Persons as rows of numbers, one column per feature. */
export interface FeatureMatrix {
  columns: FeatureName[]
  rows: number[][]
}

const OPTIONAL = ['nps', 'csat', 'sentiment'] as const

/**
 * Turns persons into numeric rows for clustering.
 *
 * - Frequency, monetary value and touchpoint count are heavy-tailed (a few customers buy a
 *   hundred times more than most), so they enter as log(1 + x); otherwise k-means spends its
 *   clusters on outliers (the usual RFM-clustering practice, e.g. Wu et al. 2020 review).
 * - NPS, CSAT and sentiment are included only when someone has a value; a person without one
 *   gets the mean of those who have, i.e. z = 0, "no evidence either way".
 * - One column per channel that occurs at all; channels nobody used would be constant.
 */
export function featureMatrix(persons: readonly PersonFeatures[]): FeatureMatrix {
  const columns: FeatureName[] = [
    'recencyDays',
    'frequency',
    'monetary',
    'touchpointCount',
    'tenureDays',
    'stageIndex',
  ]
  const means = new Map<(typeof OPTIONAL)[number], number>()
  for (const key of OPTIONAL) {
    const known = persons
      .map((p) => p[key])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    if (known.length > 0) {
      columns.push(key)
      means.set(key, known.reduce((s, v) => s + v, 0) / known.length)
    }
  }
  const channels = CHANNELS.filter((c) => persons.some((p) => (p.channelMix[c] ?? 0) > 0))
  for (const c of channels) columns.push(`channel:${c}`)

  const rows = persons.map((p) => {
    const row = [
      p.recencyDays,
      Math.log1p(Math.max(0, p.frequency)),
      Math.log1p(Math.max(0, p.monetary)),
      Math.log1p(Math.max(0, p.touchpointCount)),
      p.tenureDays,
      p.stageIndex,
    ]
    for (const [key, mean] of means) {
      const v = p[key]
      row.push(typeof v === 'number' && Number.isFinite(v) ? v : mean)
    }
    for (const c of channels) row.push(p.channelMix[c] ?? 0)
    for (const v of row)
      if (!Number.isFinite(v)) throw new RangeError(`person ${p.personId}: non-finite feature`)
    return row
  })
  return { columns, rows }
}
