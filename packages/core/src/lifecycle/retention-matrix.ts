import { wilsonInterval } from '../stats/wilson-interval.ts'

/** Persons of a cohort active in the period `offset` periods after the cohort's own period. */
export interface CohortActivity {
  /** The cohort's period start, e.g. '2026-03-01'. */
  cohort: string
  offset: number
  persons: number
}

/** One cohort row of a retention table. */
export interface CohortRetention {
  cohort: string
  size: number
  /** retained[k] = share of the cohort active k periods later (k = 0 is the cohort period itself, always 1). */
  retained: number[]
  /** Persons behind each share. */
  persons: number[]
}

/**
 * A retention triangle from cohort sizes and activity counts. Periods a cohort cannot have
 * reached yet (after `periodsObserved[cohort]`) are left out, so the row is as long as the
 * cohort's observed history; a missing count within it is 0.
 */
export function retentionMatrix(
  sizes: ReadonlyMap<string, number>,
  activity: readonly CohortActivity[],
  periodsObserved: ReadonlyMap<string, number>,
): CohortRetention[] {
  const counts = new Map<string, Map<number, number>>()
  for (const a of activity) {
    const m = counts.get(a.cohort) ?? new Map<number, number>()
    m.set(a.offset, (m.get(a.offset) ?? 0) + a.persons)
    counts.set(a.cohort, m)
  }
  return [...sizes.keys()].sort().map((cohort) => {
    const size = sizes.get(cohort) ?? 0
    const periods = Math.max(1, periodsObserved.get(cohort) ?? 1)
    const persons = Array.from({ length: periods }, (_, k) =>
      k === 0 ? size : Math.min(size, counts.get(cohort)?.get(k) ?? 0),
    )
    return { cohort, size, persons, retained: persons.map((p) => (size > 0 ? p / size : 0)) }
  })
}

/** A share with its Wilson 95 % interval. */
export interface RateWithInterval {
  numerator: number
  denominator: number
  rate: number
  lower: number
  upper: number
}

/** numerator / denominator with a Wilson interval; rate 0 (interval 0–1) when the denominator is 0. */
export function rateWithInterval(numerator: number, denominator: number): RateWithInterval {
  const ci = wilsonInterval(numerator, denominator)
  return {
    numerator,
    denominator,
    rate: denominator > 0 ? numerator / denominator : 0,
    lower: ci.lower,
    upper: ci.upper,
  }
}
