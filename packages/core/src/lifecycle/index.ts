// Public API of the lifecycle rules: states by recency, retention triangles, rates with intervals.
export { LIFECYCLE_STATES, lifecycleState, lifecycleThresholds } from './lifecycle-state.ts'
export type { LifecycleState, LifecycleThresholds, PersonActivitySpan } from './lifecycle-state.ts'
export { rateWithInterval, retentionMatrix } from './retention-matrix.ts'
export type { CohortActivity, CohortRetention, RateWithInterval } from './retention-matrix.ts'
