import type { PersonJourney } from './journey-state.ts'
import type { DemoCategory, DemoProduct } from './products.ts'
import type { SessionStep } from './session-plan.ts'
import type { CampaignContext, PageContext } from './timeline.ts'

/** Where a session came from: a referrer and, for paid or owned media, UTM campaign parameters. */
export interface TrafficSource {
  referrer?: string
  campaign?: CampaignContext
}

/** Segment e-commerce product properties of an article. */
export function productProperties(product: DemoProduct): Record<string, unknown> {
  return {
    product_id: product.productId,
    sku: product.sku,
    name: product.name,
    category: product.category,
    price: product.price,
    currency: 'EUR',
  }
}

const CATEGORY_SLUGS: Record<DemoCategory, string> = {
  Möbel: 'moebel',
  Leuchten: 'leuchten',
  Textilien: 'textilien',
  Küche: 'kueche',
  Deko: 'deko',
}

const APP_SCREENS: Record<SessionStep['kind'], [string, string]> = {
  home: ['Home', 'app-home'],
  'store-finder': ['Home', 'app-home'],
  help: ['Account', 'app-account'],
  sale: ['Home', 'app-home'],
  catalog: ['Home', 'app-home'],
  category: ['Category', 'app-category'],
  search: ['Search', 'app-search'],
  product: ['Product', 'app-product'],
  wishlist: ['Wishlist', 'app-wishlist'],
  add: ['Product', 'app-product'],
  cart: ['Cart', 'app-cart'],
  checkout: ['Checkout', 'app-checkout'],
  order: ['Order Confirmation', 'app-checkout'],
}

/**
 * Writes an online session as web pages or app screens plus the e-commerce track events. With `endAt`
 * the session is laid out backwards so its last step (an order) happens exactly then. Returns the
 * time of the last step.
 */
export function renderSession(
  s: PersonJourney,
  device: number,
  steps: readonly SessionStep[],
  source: TrafficSource,
  at: { start?: number; endAt?: number },
): number {
  const { rng, tl } = s
  const gaps = steps.map((_, i) => (i === 0 ? 0 : 6000 + Math.round(rng.exponential(35_000))))
  const total = gaps.reduce((a, b) => a + b, 0)
  let t = at.endAt !== undefined ? at.endAt - total : (at.start as number)
  const app = s.p.devices[device]?.kind === 'app'
  if (rng.chance(0.6)) s.login(t - 500, device)
  if (app) {
    tl.add({
      t: t - 800,
      type: 'track',
      device,
      channel: 'app',
      touchpoint: 'app-home',
      event: 'Application Opened',
      properties: { from_background: rng.chance(0.4), version: '5.3.0' },
      campaign: source.campaign,
    })
  }
  let page: PageContext | undefined
  let referrer = source.referrer
  const cartId = `cart-${s.p.index}-${Math.floor(t / 1000)}`
  // Two helpers shared by all steps (not created per step: sessions are the generator's hot loop).
  let kind: SessionStep['kind'] = 'home'
  let first = true
  const track = (event: string, properties: Record<string, unknown>): void => {
    if (app) tl.track(t + 1200, device, 'app', APP_SCREENS[kind][1], event, properties)
    else tl.track(t + 1200, device, 'web', touchpointOfPath(page?.path), event, properties, page)
  }
  const view = (path: string, title: string, properties?: Record<string, unknown>): void => {
    if (app) tl.screen(t, device, APP_SCREENS[kind][0], APP_SCREENS[kind][1], properties)
    else {
      page = tl.page(t, device, path, title, referrer, first ? source.campaign : undefined)
      referrer = page.url
    }
    first = false
  }
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as SessionStep
    kind = step.kind
    t += gaps[i] as number
    switch (step.kind) {
      case 'home':
        view('/', 'Nordlicht Home & Living – Möbel, Leuchten & Wohnaccessoires')
        break
      case 'store-finder':
        view('/store-finder', 'Filialen in Berlin, Hamburg, München und Köln | Nordlicht')
        break
      case 'help':
        view(
          `/help/${rng.pick(['lieferung', 'ruecksendung', 'zahlung', 'montage'])}`,
          'Hilfe & FAQ | Nordlicht',
        )
        break
      case 'sale':
        view('/sale', 'Sale | Nordlicht')
        break
      case 'catalog':
        view('/catalog', 'Katalog bestellen | Nordlicht')
        track('Catalog Requested', { catalog: 'Wohnkatalog 2025', format: rng.chance(0.6) ? 'print' : 'pdf' })
        break
      case 'category':
        view(`/category/${CATEGORY_SLUGS[step.category]}`, `${step.category} | Nordlicht`, {
          category: step.category,
        })
        track('Product List Viewed', { list_id: CATEGORY_SLUGS[step.category], category: step.category })
        break
      case 'search':
        view(`/search?q=${encodeURIComponent(step.query)}`, 'Suche | Nordlicht', { query: step.query })
        track('Products Searched', { query: step.query })
        break
      case 'product':
        view(`/product-page/${step.product.slug}`, `${step.product.name} | Nordlicht`, {
          product_id: step.product.productId,
        })
        track('Product Viewed', productProperties(step.product))
        break
      case 'wishlist':
        track('Product Added to Wishlist', {
          ...productProperties(step.product),
          wishlist_id: `wl-${s.p.index}`,
        })
        break
      case 'add':
        track('Product Added', {
          ...productProperties(step.product),
          quantity: step.quantity,
          cart_id: cartId,
        })
        break
      case 'cart':
        view('/cart', 'Warenkorb | Nordlicht')
        track('Cart Viewed', { cart_id: cartId })
        break
      case 'checkout':
        view('/checkout', 'Kasse | Nordlicht')
        track(
          'Checkout Started',
          step.order ? { ...step.order.properties } : { cart_id: cartId, currency: 'EUR' },
        )
        break
      case 'order':
        t = step.order.t - 1200 // the order's own time is fixed by the purchase process
        track('Order Completed', step.order.properties)
        t += 2700
        view('/checkout/confirmation', 'Vielen Dank für Ihre Bestellung | Nordlicht')
    }
  }
  return t
}

/** Touchpoint of a web path: its first segment, `home` for the root. */
export function touchpointOfPath(path: string | undefined): string {
  if (!path || path === '/') return 'home'
  return path.split('/')[1] ?? 'home'
}
