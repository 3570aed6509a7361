/** Response shapes of the analytics and survey-metric APIs the chart pages read (see GET /docs/json). */

/** A rate with its Wilson 95 % interval. */
export interface Rate {
  numerator: number
  denominator: number
  rate: number
  lower: number
  upper: number
}

export interface ScorePoint {
  n: number
  score: number | null
  interval: { lower: number; upper: number; confidence: number }
  tooFewResponses: boolean
}

/** `GET /api/metrics/{nps|csat|ces}`. */
export interface MetricAnswer {
  metric: string
  groups: Array<{
    group: string
    total: ScorePoint
    previousTotal: { n: number; score: number | null }
    change: { difference: number; significant: boolean; pValue: number } | null
    buckets: Array<ScorePoint & { start: string }>
  }>
}

/** `GET /api/metrics/response-rates`. */
export interface ResponseRates {
  items: Array<{
    surveyId: string
    channel: string
    invited: number
    sent: number
    shown: number
    answered: number
    base: string
    responseRate: number | null
  }>
}

/** `GET /api/lifecycle/states`. */
export interface LifecycleStates {
  states: Array<{ state: string; persons: number; share: number }>
  churnRate: Rate
  persons: Array<{ personId: string; state: string; firstSeen: string; lastSeen: string }>
}

export interface CustomerValue {
  personId: string
  orders: number
  revenue: number
  probabilityAlive: number
  expectedPurchases: number
  clv: number
}

/** `GET /api/clv`. */
export interface ClvAnswer {
  customers: number
  repeatCustomers: number
  distribution: {
    total: number
    mean: number
    quantiles: Record<string, number>
    deciles: Array<{ decile: number; customers: number; min: number; max: number; valueShare: number }>
    /** Added with the dashboard's histogram; older servers lack it. */
    histogram?: Array<{ from: number; to: number | null; customers: number }>
  }
  top: CustomerValue[]
  atRisk: CustomerValue[]
  /** With `breakdown=persona|trait:<name>` only. */
  groups?: ClvGroup[]
}

/** The customers of one persona or trait value in `GET /api/clv?breakdown=…`. */
export interface ClvGroup {
  breakdown: string
  customers: number
  totalClv: number
  meanClv: number
  medianClv: number
  meanProbabilityAlive: number
  revenue: number
}

/** `GET /api/cases` (only the total is used for counts). */
export interface CaseList {
  items: unknown[]
  total: number
}

/** `GET /api/journey/drop-off`; per-stage satisfaction fields arrive when the server has them. */
export interface DropOff {
  stages: Array<
    {
      stage: string
      reached: number
      progressed: number
      droppedOff: number
      dropOffRate: number
    } & Record<string, unknown>
  >
}

export interface Sankey {
  nodes: Array<{ name: string }>
  links: Array<{ source: string; target: string; value: number }>
}

/** `GET /api/journey/transitions`. */
export interface Transitions {
  transitions: Array<{
    from: string
    to: string
    count: number
    persons: number
    medianHours: number
    direction: string
  }>
  sankey: Sankey
}

export interface FunnelGroup {
  breakdown: string
  steps: Array<{ step: number; name: string; persons: number; overall: Rate; fromPrevious: Rate }>
  timeToConvert: {
    quantiles: { p25: number; median: number; p75: number; p90: number } | null
    histogram: Array<{ label: string; persons: number }>
  }
}

/** `GET /api/funnels`. */
export interface FunnelAnswer {
  steps: string[]
  windowSeconds: number
  order: string
  total: FunnelGroup
  groups: FunnelGroup[]
}

/** `GET /api/touchpoints/matrix`. */
export interface TouchpointMatrix {
  metric: string
  stages: string[]
  cells: Array<{
    touchpoint: string
    stage: string
    contacts: number
    persons: number
    responses: number
    score: number | null
    interval: { lower: number; upper: number } | null
    tooFewResponses: boolean
    comments: number
    sentiment: number | null
  }>
}

type Localised = { de: string; en: string }

/** `GET /api/personas`. */
export interface PersonasAnswer {
  k: number
  silhouette: number
  persons: number
  personas: Array<{
    cluster: number
    size: number
    customerShare: number
    revenueShare: number
    nps: number | null
    csat: number | null
    name: Localised
    description: Localised
    distinguishing: Array<{ feature: string; z: number }>
  }>
  points?: Array<{ personId: string; cluster: number; x: number; y: number }>
}

/** `GET /api/rfm`. */
export interface RfmAnswer {
  segments: Array<{
    segment: string
    label: Localised
    customers: number
    customerShare: number
    revenue: number
    revenueShare: number
  }>
}

/** `GET /api/lifecycle/retention`. */
export interface RetentionAnswer {
  interval: string
  activity: string
  cohorts: Array<{ cohort: string; size: number; retained: number[]; persons: number[] }>
  repeatPurchaseRate?: Rate
}

/** `GET /api/attribution`. */
export interface AttributionAnswer {
  conversionEvent: string
  conversions: number
  revenue: number
  models: Record<string, Array<{ channel: string; conversions: number; value: number; share: number }>>
}

/** `GET /api/drivers/breakpoints`. */
export interface BreakpointsAnswer {
  breakpoints: Array<{
    touchpoint: string
    channel: string
    persons: number
    responses: number
    unhappy: number
    unhappyRate: number
    unhappyLower: number
    satisfaction: number | null
    sentiment: number | null
    score: number
  }>
}

export interface ReachabilityStats {
  contacts: number
  answered: number
  unanswered: number
  answerRate: number | null
  interval: { lower: number; upper: number }
  tooFewContacts: boolean
  firstResponse: { n: number; medianSeconds: number | null; p90Seconds: number | null }
}

/** `GET /api/metrics/reachability?breakdown=hour_of_week`. */
export interface ReachabilityAnswer {
  timeZone: string
  total: ReachabilityStats
  channels: Array<ReachabilityStats & { channel: string }>
  groups: Array<ReachabilityStats & { channel: string; weekday?: number; hour?: number }>
}
