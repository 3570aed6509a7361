import { JOURNEY_STAGES, type JourneyStage } from './vocabulary.ts'

/**
 * A rule that places events in a journey stage. Every field that is given must match (AND);
 * within a field any listed value matches (OR). Rules are tried in order and the first match
 * wins, so specific rules (an event name) go before broad ones (a whole channel).
 */
export interface StageRule {
  stage: JourneyStage
  /** Event names (track event or page/screen name), exact. */
  events?: readonly string[]
  /** Touchpoint ids (kebab-case), exact. */
  touchpoints?: readonly string[]
  /** Channels. */
  channels?: readonly string[]
}

/** The fields of an event a stage rule looks at. */
export interface StageableEvent {
  event: string
  touchpoint: string
  channel: string
}

/**
 * The default journey model: which events and touchpoints serve which of the seven stages.
 * Event names come first (an order is a purchase wherever it happens), then touchpoints (a
 * page view on `/help` is after-sales), then whole channels as a last resort. Company-side
 * events such as `Email Sent` match nothing and stay outside the journey, as do identify,
 * alias and group calls (they are not contacts with a touchpoint).
 */
export const DEFAULT_STAGE_RULES: readonly StageRule[] = [
  { stage: 'pre-awareness', events: ['Ad Impression'] },
  {
    stage: 'awareness',
    events: [
      'Social Post Viewed',
      'Social Post Liked',
      'Social Followed',
      'Trade Fair Contact',
      'Email Opened',
    ],
  },
  {
    stage: 'consideration',
    events: [
      'Product Viewed',
      'Product List Viewed',
      'Products Searched',
      'Catalog Requested',
      'Email Clicked',
      'Newsletter Subscribed',
      'Signed Up',
      'Application Installed',
    ],
  },
  { stage: 'preference', events: ['Product Added', 'Cart Viewed', 'Store Visited', 'Store Consultation'] },
  { stage: 'purchase', events: ['Checkout Started', 'Order Completed', 'Subscription Started'] },
  {
    stage: 'after-sales',
    events: ['Order Confirmation', 'Return Requested', 'Order Refunded', 'Support Ticket Created'],
  },
  {
    stage: 'loyalty',
    events: ['Review Submitted', 'Referral Sent', 'Loyalty Program Joined', 'Workshop Attended'],
  },
  { stage: 'pre-awareness', touchpoints: ['display-ads', 'pinterest'] },
  { stage: 'awareness', touchpoints: ['home', 'app-home', 'instagram', 'facebook', 'trade-fair'] },
  {
    stage: 'consideration',
    touchpoints: ['search', 'category', 'product-page', 'catalog', 'sale', 'newsletter'],
  },
  { stage: 'consideration', touchpoints: ['app-search', 'app-category', 'app-product'] },
  { stage: 'preference', touchpoints: ['wishlist', 'cart', 'store-finder', 'app-wishlist', 'app-cart'] },
  { stage: 'purchase', touchpoints: ['checkout', 'app-checkout'] },
  {
    stage: 'after-sales',
    touchpoints: ['help', 'returns', 'hotline', 'email-support', 'live-chat', 'delivery', 'service-desk'],
  },
  { stage: 'loyalty', touchpoints: ['reviews', 'loyalty', 'referral', 'workshop', 'account', 'app-account'] },
  { stage: 'preference', channels: ['store'] },
  { stage: 'after-sales', channels: ['phone', 'chat'] },
]

/** The stage of an event under `rules` (first match wins), or null when no rule places it. */
export function stageOfEvent(
  event: StageableEvent,
  rules: readonly StageRule[] = DEFAULT_STAGE_RULES,
): JourneyStage | null {
  for (const rule of rules) if (ruleMatches(rule, event)) return rule.stage
  return null
}

/** True when every criterion the rule states matches the event. */
export function ruleMatches(rule: StageRule, event: StageableEvent): boolean {
  if (!rule.events && !rule.touchpoints && !rule.channels) return false
  if (rule.events && !rule.events.includes(event.event)) return false
  if (rule.touchpoints && !rule.touchpoints.includes(event.touchpoint)) return false
  if (rule.channels && !rule.channels.includes(event.channel)) return false
  return true
}

/**
 * Checks rules coming from outside (workspace settings): a known stage, at least one
 * criterion, string lists. Returns the problems; an empty list means the rules are usable.
 */
export function stageRuleProblems(rules: unknown): string[] {
  if (!Array.isArray(rules)) return ['rules must be an array']
  if (rules.length === 0) return ['rules must not be empty']
  const problems: string[] = []
  rules.forEach((rule: unknown, i) => {
    if (typeof rule !== 'object' || rule === null) {
      problems.push(`rule ${i} is not an object`)
      return
    }
    const r = rule as Record<string, unknown>
    if (!(JOURNEY_STAGES as readonly unknown[]).includes(r.stage)) problems.push(`rule ${i}: unknown stage`)
    const fields = (['events', 'touchpoints', 'channels'] as const).filter((f) => r[f] !== undefined)
    if (fields.length === 0) problems.push(`rule ${i}: needs events, touchpoints or channels`)
    for (const f of fields) {
      const list = r[f]
      if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) {
        problems.push(`rule ${i}: ${f} must be a non-empty list of strings`)
      }
    }
  })
  return problems
}

/** Position of a stage in journey order (0 = pre-awareness). */
export function stageIndex(stage: JourneyStage): number {
  return JOURNEY_STAGES.indexOf(stage)
}
