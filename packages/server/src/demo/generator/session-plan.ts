import { pickAnchorProduct, pickRelatedProduct } from './basket.ts'
import type { PersonJourney, Order } from './journey-state.ts'
import { DEMO_PRODUCTS_BY_ID, type DemoCategory, type DemoProduct } from './products.ts'

/** One step of an online session, independent of whether it is rendered as web pages or app screens. */
export type SessionStep =
  | { kind: 'home' | 'store-finder' | 'help' | 'sale' | 'catalog' | 'cart' }
  | { kind: 'category'; category: DemoCategory }
  | { kind: 'search'; query: string }
  | { kind: 'product' | 'wishlist'; product: DemoProduct }
  | { kind: 'add'; product: DemoProduct; quantity: number }
  | { kind: 'checkout'; order?: Order }
  | { kind: 'order'; order: Order }

const QUERIES: Record<DemoCategory, readonly string[]> = {
  Möbel: ['sofa grau', 'esstisch eiche', 'sessel samt', 'bett 180x200', 'regal weiß', 'sideboard'],
  Leuchten: ['stehlampe', 'pendelleuchte esstisch', 'led lampe', 'lichterkette'],
  Textilien: ['bettwäsche leinen', 'kissen 50x50', 'teppich rund', 'wolldecke', 'vorhang'],
  Küche: ['pfanne induktion', 'messer set', 'geschirr weiß', 'gläser'],
  Deko: ['vase', 'duftkerze', 'spiegel gold', 'bilderrahmen'],
}

/** The steps of a browsing session with about `pages` views, wandering along related articles. */
export function planBrowse(s: PersonJourney, pages: number, saleSeason: boolean): SessionStep[] {
  const { rng, p } = s
  const segment = p.segment
  let product = pickAnchorProduct(rng, segment)
  const steps: SessionStep[] = []
  const landing = rng.next()
  if (saleSeason && landing < 0.2) steps.push({ kind: 'sale' })
  else if (landing < 0.45) steps.push({ kind: 'home' })
  else if (landing < 0.7) steps.push({ kind: 'category', category: product.category })
  else steps.push({ kind: 'product', product })
  let catalogued = false
  while (steps.length < pages) {
    const roll = rng.next()
    if (roll < 0.5) {
      product = rng.chance(0.7) ? pickRelatedProduct(rng, segment, product) : pickAnchorProduct(rng, segment)
      steps.push({ kind: 'product', product })
    } else if (roll < 0.68) steps.push({ kind: 'category', category: product.category })
    else if (roll < 0.76) steps.push({ kind: 'search', query: rng.pick(QUERIES[product.category]) })
    else if (roll < 0.8) steps.push({ kind: 'home' })
    else if (roll < 0.82) steps.push({ kind: 'help' })
    else if (roll < 0.82 + segment.storeShare * 0.08) steps.push({ kind: 'store-finder' })
    else if (roll < 0.9) {
      // Wishlists are filled from a product page.
      if (steps[steps.length - 1]?.kind !== 'product') steps.push({ kind: 'product', product })
      steps.push({ kind: 'wishlist', product })
    } else if (roll < 0.96) {
      if (steps[steps.length - 1]?.kind !== 'product') steps.push({ kind: 'product', product })
      steps.push({ kind: 'add', product, quantity: 1 }, { kind: 'cart' })
      // Abandoned checkouts: started but never completed.
      if (rng.chance(0.25)) steps.push({ kind: 'checkout' })
    } else if (!catalogued && rng.chance(segment.storeShare + (segment.id === 'b2b-trade' ? 0.5 : 0.05))) {
      catalogued = true
      steps.push({ kind: 'catalog' })
    }
  }
  return steps
}

/** The steps of a session ending in `order`: product views, cart, checkout, confirmation. */
export function planPurchase(
  s: PersonJourney,
  order: Order,
  landing: SessionStep | undefined,
): SessionStep[] {
  const { rng, p } = s
  const steps: SessionStep[] = landing ? [landing] : []
  for (const line of order.lines) {
    const product = DEMO_PRODUCTS_BY_ID.get(line.product_id) as DemoProduct
    // Compare an alternative first now and then: viewed-but-not-bought pairs are signal, too.
    if (rng.chance(0.3)) steps.push({ kind: 'product', product: pickRelatedProduct(rng, p.segment, product) })
    steps.push({ kind: 'product', product }, { kind: 'add', product, quantity: line.quantity })
  }
  steps.push({ kind: 'cart' }, { kind: 'checkout', order }, { kind: 'order', order })
  return steps
}
