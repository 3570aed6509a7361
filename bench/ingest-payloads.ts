// Realistic Segment messages for the ingest benchmark: a web shop's mix of page views,
// product views, cart and order events with product arrays, and identify calls.
const PAGES = [
  '/',
  '/sofas',
  '/leuchten/stehleuchten',
  '/checkout',
  '/konto',
  '/kuechen/zubehoer',
  '/hilfe/lieferung',
]
const EVENTS = [
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
  'Newsletter Subscribed',
]
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

/** The n-th message of the benchmark (deterministic). */
export function benchMessage(n: number, runId: string): Record<string, unknown> {
  const person = n % 50_000
  const anonymousId = `anon-${runId}-${person}`
  const timestamp = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString()
  const context = {
    library: { name: 'analytics.js', version: '5.2.0' },
    locale: 'de-DE',
    userAgent: UA,
    page: {
      path: PAGES[n % PAGES.length],
      url: `https://nordlicht.example${PAGES[n % PAGES.length]}`,
      referrer: 'https://www.google.de/',
    },
    campaign: n % 5 === 0 ? { source: 'newsletter', medium: 'email', name: 'winter-sale' } : undefined,
  }
  const kind = n % 10
  const messageId = `${runId}-${n}`
  if (kind < 5)
    return {
      type: 'page',
      messageId,
      anonymousId,
      name: 'Seite',
      properties: { path: context.page.path, title: 'Nordlicht' },
      context,
      timestamp,
    }
  if (kind === 9) {
    return {
      type: 'identify',
      messageId,
      anonymousId,
      userId: `user-${runId}-${person}`,
      traits: { email: `kunde${person}@example.de`, firstName: 'Kim', city: 'Berlin', newsletter: true },
      context,
      timestamp,
    }
  }
  const event = EVENTS[n % EVENTS.length] as string
  const properties: Record<string, unknown> = {
    product_id: `P-${n % 150}`,
    sku: `SKU-${n % 150}`,
    price: 49.9,
    currency: 'EUR',
    category: 'Leuchten',
  }
  if (event === 'Order Completed') {
    properties.order_id = `O-${n}`
    properties.revenue = 129.8
    properties.products = [
      { product_id: `P-${n % 150}`, name: 'Stehleuchte Fjord', price: 79.9, quantity: 1 },
      { product_id: `P-${(n + 7) % 150}`, name: 'Leinenkissen', price: 24.95, quantity: 2 },
    ]
  }
  return { type: 'track', messageId, anonymousId, event, properties, context, timestamp }
}
