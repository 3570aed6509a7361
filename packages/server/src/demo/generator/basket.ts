import { DEMO_PRODUCTS, DEMO_PRODUCTS_BY_ID, type DemoProduct } from './products.ts'
import type { Random } from '@touchstone/core/random'
import { SEGMENTS, type Segment, type SegmentId } from './segments.ts'
import type { OrderLine } from './journey-state.ts'

/** Draws the article a customer of `segment` looks at first: category preference × price fit. */
export function pickAnchorProduct(rng: Random, segment: Segment): DemoProduct {
  const weights = anchorWeights(segment)
  return DEMO_PRODUCTS[rng.weighted(weights)] as DemoProduct
}

// Per-segment anchor weights never change; computed once like the catalogue itself.
const ANCHOR_WEIGHTS: ReadonlyMap<SegmentId, number[]> = new Map(
  SEGMENTS.map((s) => [
    s.id,
    DEMO_PRODUCTS.map((p) => s.categories[p.category] * (p.price <= s.priceCeiling ? 1 : 0.05)),
  ]),
)
const anchorWeights = (segment: Segment): number[] => ANCHOR_WEIGHTS.get(segment.id) as number[]

/**
 * An article seen or bought together with `product`: mostly from its complements, and among those
 * mostly the same collection. This is the co-purchase signal item-to-item recommenders should find.
 */
export function pickRelatedProduct(rng: Random, segment: Segment, product: DemoProduct): DemoProduct {
  const roll = rng.next()
  if (roll < 0.75 && product.complements.length > 0) {
    const sameCollection = Math.min(product.complements.length, 5)
    const id = roll < 0.5 ? product.complements[rng.int(sameCollection)] : rng.pick(product.complements)
    const related = DEMO_PRODUCTS_BY_ID.get(id as string)
    if (related) return related
  }
  return pickAnchorProduct(rng, segment)
}

/** Draws the lines of one order: an anchor article, complements, quantities (B2B buys in bulk). */
export function drawBasket(rng: Random, segment: Segment): OrderLine[] {
  const anchor = pickAnchorProduct(rng, segment)
  const products = [anchor]
  const extra = rng.geometric(segment.id === 'b2b-trade' ? 1.5 : 0.9)
  for (let i = 0; i < extra && products.length < 6; i++) {
    const next = pickRelatedProduct(rng, segment, products[rng.int(products.length)] as DemoProduct)
    if (!products.includes(next)) products.push(next)
  }
  return products.map((product) => {
    const base = 1 + rng.int(product.maxQuantity)
    const quantity =
      segment.quantityFactor > 1 ? Math.round(base * segment.quantityFactor * rng.range(0.5, 2)) : base
    return {
      product_id: product.productId,
      sku: product.sku,
      name: product.name,
      category: product.category,
      price: product.price,
      quantity: Math.max(1, quantity),
    }
  })
}

const cents = (x: number): number => Math.round(x * 100) / 100

/** Segment e-commerce `Order Completed` properties; German prices include 19 % VAT. */
export function orderProperties(
  orderId: string,
  lines: OrderLine[],
  affiliation: string,
  coupon: { code: string; percent: number } | undefined,
  delivered: boolean,
): Record<string, unknown> {
  const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0)
  const discount = coupon ? cents((subtotal * coupon.percent) / 100) : 0
  const revenue = cents(subtotal - discount)
  const bulky = lines.some((l) => l.category === 'Möbel')
  const shipping = !delivered ? 0 : bulky ? (revenue >= 1000 ? 0 : 49) : revenue >= 50 ? 0 : 4.95
  const properties: Record<string, unknown> = {
    order_id: orderId,
    affiliation,
    total: cents(revenue + shipping),
    revenue,
    shipping,
    tax: cents(revenue - revenue / 1.19),
    discount,
    currency: 'EUR',
    products: lines,
  }
  if (coupon) properties.coupon = coupon.code
  return properties
}
