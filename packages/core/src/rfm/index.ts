// Public API of RFM scoring and segmentation.
export { quintileScores, scoreRfm } from './rfm-score.ts'
export type { RfmCustomer, RfmScore } from './rfm-score.ts'
export { RFM_SEGMENTS, RFM_SEGMENT_LABELS, fmScore, rfmSegment } from './rfm-segment.ts'
export type { RfmSegment, SegmentLabel } from './rfm-segment.ts'
export { analyzeRfm } from './rfm-analysis.ts'
export type { RfmAnalysis, RfmCustomerSegment, RfmSegmentSummary } from './rfm-analysis.ts'
