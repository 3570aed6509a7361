import type { Channel, JourneyStage } from '@touchstone/core'

/** A touchpoint of the demo shop with its channel, the journey stage it usually serves and labels. */
export interface DemoTouchpoint {
  channel: Channel
  stage: JourneyStage
  label: { de: string; en: string }
  /** Web only: the URL path prefix whose first segment names the touchpoint (`/` is `home`). */
  path?: string
}

const web = (stage: JourneyStage, de: string, en: string, path: string): DemoTouchpoint => ({
  channel: 'web',
  stage,
  label: { de, en },
  path,
})
const on = (channel: Channel, stage: JourneyStage, de: string, en: string): DemoTouchpoint => ({
  channel,
  stage,
  label: { de, en },
})

/**
 * Every touchpoint the demo data uses, keyed by its kebab-case id. Web page views carry no
 * `properties.touchpoint`: their touchpoint is the first segment of the URL path (`/checkout/…` →
 * `checkout`, the root `/` → `home`); every other message names its touchpoint explicitly.
 */
export const DEMO_TOUCHPOINTS = {
  home: web('awareness', 'Startseite', 'Home page', '/'),
  search: web('consideration', 'Suche', 'Search', '/search'),
  category: web('consideration', 'Kategorieseite', 'Category page', '/category'),
  'product-page': web('consideration', 'Produktseite', 'Product page', '/product-page'),
  wishlist: web('preference', 'Merkzettel', 'Wishlist', '/wishlist'),
  cart: web('preference', 'Warenkorb', 'Cart', '/cart'),
  checkout: web('purchase', 'Kasse', 'Checkout', '/checkout'),
  account: web('purchase', 'Kundenkonto', 'Customer account', '/account'),
  'store-finder': web('preference', 'Filialfinder', 'Store finder', '/store-finder'),
  catalog: web('consideration', 'Katalogbestellung', 'Catalogue request', '/catalog'),
  sale: web('consideration', 'Sale-Aktion', 'Sale landing page', '/sale'),
  help: web('after-sales', 'Hilfe & FAQ', 'Help & FAQ', '/help'),
  returns: web('after-sales', 'Retourenportal', 'Returns portal', '/returns'),
  reviews: web('loyalty', 'Bewertungen', 'Reviews', '/reviews'),
  loyalty: web('loyalty', 'Nordlicht Club', 'Nordlicht Club', '/loyalty'),
  referral: web('loyalty', 'Freunde werben', 'Refer a friend', '/referral'),
  'app-home': on('app', 'awareness', 'App-Startseite', 'App home'),
  'app-search': on('app', 'consideration', 'App-Suche', 'App search'),
  'app-category': on('app', 'consideration', 'App-Kategorie', 'App category'),
  'app-product': on('app', 'consideration', 'App-Produktseite', 'App product page'),
  'app-wishlist': on('app', 'preference', 'App-Merkzettel', 'App wishlist'),
  'app-cart': on('app', 'preference', 'App-Warenkorb', 'App cart'),
  'app-checkout': on('app', 'purchase', 'App-Kasse', 'App checkout'),
  'app-account': on('app', 'loyalty', 'App-Kundenkonto', 'App account'),
  newsletter: on('email', 'consideration', 'Newsletter', 'Newsletter'),
  'email-support': on('email', 'after-sales', 'E-Mail-Kundenservice', 'E-mail support'),
  hotline: on('phone', 'after-sales', 'Service-Hotline', 'Service hotline'),
  'store-berlin': on('store', 'preference', 'Filiale Berlin', 'Berlin store'),
  'store-hamburg': on('store', 'preference', 'Filiale Hamburg', 'Hamburg store'),
  'store-muenchen': on('store', 'preference', 'Filiale München', 'Munich store'),
  'store-koeln': on('store', 'preference', 'Filiale Köln', 'Cologne store'),
  instagram: on('social', 'awareness', 'Instagram', 'Instagram'),
  facebook: on('social', 'awareness', 'Facebook', 'Facebook'),
  pinterest: on('social', 'pre-awareness', 'Pinterest', 'Pinterest'),
  'live-chat': on('chat', 'after-sales', 'Live-Chat', 'Live chat'),
  'trade-fair': on('event', 'awareness', 'Messestand', 'Trade fair booth'),
  workshop: on('event', 'loyalty', 'Deko-Workshop in der Filiale', 'In-store styling workshop'),
  'display-ads': on('other', 'pre-awareness', 'Display-Werbung', 'Display advertising'),
  delivery: on('other', 'after-sales', 'Lieferung', 'Delivery'),
  'service-desk': on('other', 'after-sales', 'Service-Tickets', 'Service desk tickets'),
} as const satisfies Record<string, DemoTouchpoint>

export type DemoTouchpointId = keyof typeof DEMO_TOUCHPOINTS

/** The four stores: touchpoint id and city as customers spell it. */
export const DEMO_STORES = [
  { touchpoint: 'store-berlin', city: 'Berlin' },
  { touchpoint: 'store-hamburg', city: 'Hamburg' },
  { touchpoint: 'store-muenchen', city: 'München' },
  { touchpoint: 'store-koeln', city: 'Köln' },
] as const satisfies readonly { touchpoint: DemoTouchpointId; city: string }[]
