import { scoreRfm } from './rfm-score.ts'
import type { RfmCustomer, RfmScore } from './rfm-score.ts'
import { RFM_SEGMENTS, rfmSegment } from './rfm-segment.ts'
import type { RfmSegment } from './rfm-segment.ts'

export interface RfmCustomerSegment extends RfmScore {
  segment: RfmSegment
}

export interface RfmSegmentSummary {
  segment: RfmSegment
  customers: number
  /** Share of all customers, 0–1. */
  customerShare: number
  /** Sum of `monetary` of the segment's customers. */
  revenue: number
  /** Share of all revenue, 0–1 (0 when total revenue is 0). */
  revenueShare: number
}

export interface RfmAnalysis {
  customers: RfmCustomerSegment[]
  /** All eleven segments in the canonical order, including empty ones. */
  segments: RfmSegmentSummary[]
}

/** Scores every customer, assigns the named segment and summarises customers and revenue per segment. */
export function analyzeRfm(input: readonly RfmCustomer[]): RfmAnalysis {
  const scores = scoreRfm(input)
  const customers = scores.map((s) => ({ ...s, segment: rfmSegment(s.r, s.f, s.m) }))
  const totals = new Map<RfmSegment, { customers: number; revenue: number }>(
    RFM_SEGMENTS.map((s) => [s, { customers: 0, revenue: 0 }]),
  )
  let revenue = 0
  customers.forEach((c, i) => {
    const t = totals.get(c.segment)!
    const spend = input[i]!.monetary
    t.customers++
    t.revenue += spend
    revenue += spend
  })
  return {
    customers,
    segments: RFM_SEGMENTS.map((segment) => {
      const t = totals.get(segment)!
      return {
        segment,
        customers: t.customers,
        customerShare: customers.length ? t.customers / customers.length : 0,
        revenue: t.revenue,
        revenueShare: revenue > 0 ? t.revenue / revenue : 0,
      }
    }),
  }
}
