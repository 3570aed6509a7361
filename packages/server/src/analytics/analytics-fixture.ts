/**
 * The small, hand-checked data set of the analytics tests (analytics-routes.test.ts, which
 * states the expected numbers next to each assertion). Times are UTC.
 */
export interface FixtureMessage {
  type: 'track' | 'identify'
  userId?: string
  anonymousId?: string
  messageId?: string
  event?: string
  properties?: Record<string, unknown>
  timestamp: string
}

function track(
  who: { userId?: string; anonymousId?: string },
  event: string,
  channel: string,
  touchpoint: string,
  timestamp: string,
  extra: Record<string, unknown> = {},
): FixtureMessage {
  return { type: 'track', ...who, event, properties: { channel, touchpoint, ...extra }, timestamp }
}

const u = (userId: string) => ({ userId })

/** Sent first: everything but the merge of P3's anonymous device and P3's user id. */
export const FIXTURE_BEFORE_MERGE: FixtureMessage[] = [
  // P1: ad → product → cart → order (100), a second order (50) and a July order (70).
  track(u('u1'), 'Ad Impression', 'other', 'display-ads', '2026-06-01T10:00:00.000Z'),
  track(u('u1'), 'Product Viewed', 'web', 'product-page', '2026-06-02T10:00:00.000Z'),
  track(u('u1'), 'Product Added', 'web', 'cart', '2026-06-02T10:30:00.000Z'),
  {
    ...track(u('u1'), 'Order Completed', 'web', 'checkout', '2026-06-02T11:00:00.000Z', {
      revenue: 100,
      products: [{ product_id: 'A' }, { product_id: 'B' }],
    }),
    messageId: 'order-p1-1',
  },
  track(u('u1'), 'Order Completed', 'web', 'checkout', '2026-06-10T09:00:00.000Z', {
    revenue: 50,
    products: [{ product_id: 'C' }],
  }),
  track(u('u1'), 'Order Completed', 'web', 'checkout', '2026-07-03T10:00:00.000Z', { revenue: 70 }),
  // P2: social → app product → app cart two days later, no order.
  track(u('u2'), 'Social Post Viewed', 'social', 'instagram', '2026-06-03T10:00:00.000Z'),
  track(u('u2'), 'Product Viewed', 'app', 'app-product', '2026-06-03T12:00:00.000Z'),
  track(u('u2'), 'Product Added', 'app', 'app-cart', '2026-06-05T12:00:00.000Z'),
  // P3: newsletter as u3, a product view on an anonymous device (merged below), order, return call.
  track(u('u3'), 'Email Opened', 'email', 'newsletter', '2026-06-04T09:00:00.000Z'),
  track({ anonymousId: 'anon3' }, 'Product Viewed', 'web', 'product-page', '2026-06-04T10:00:00.000Z'),
  track(u('u3'), 'Order Completed', 'web', 'checkout', '2026-06-04T12:00:00.000Z', {
    revenue: 80,
    products: [{ product_id: 'A' }],
  }),
  track(u('u3'), 'Return Requested', 'phone', 'hotline', '2026-06-06T10:00:00.000Z'),
  // P4 new, P5 back after a long gap, P6 steadily active (July only, for lifecycle states).
  track(u('u4'), 'Product Viewed', 'web', 'product-page', '2026-07-25T10:00:00.000Z'),
  track(u('u5'), 'Store Visited', 'store', 'store-berlin', '2026-05-01T10:00:00.000Z'),
  track(u('u5'), 'Store Visited', 'store', 'store-berlin', '2026-07-25T10:00:00.000Z'),
  track(u('u6'), 'Store Visited', 'store', 'store-berlin', '2026-07-05T10:00:00.000Z'),
  track(u('u6'), 'Store Visited', 'store', 'store-berlin', '2026-07-20T10:00:00.000Z'),
  track(u('u6'), 'Store Visited', 'store', 'store-berlin', '2026-07-29T10:00:00.000Z'),
]

/** The identify that merges P3's anonymous device into u3, and a retried order of P1. */
export const FIXTURE_AFTER_MERGE: FixtureMessage[] = [
  { type: 'identify', userId: 'u3', anonymousId: 'anon3', timestamp: '2026-06-04T11:00:00.000Z' },
  {
    ...track(u('u1'), 'Order Completed', 'web', 'checkout', '2026-06-02T11:00:00.000Z', {
      revenue: 100,
      products: [{ product_id: 'A' }, { product_id: 'B' }],
    }),
    messageId: 'order-p1-1',
  },
]
