import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CHANNELS, JOURNEY_STAGES } from '@touchstone/core'
import { drawBasket } from './basket.ts'
import { DEMO_PRODUCTS, DEMO_PRODUCTS_BY_ID } from './products.ts'
import { Random } from '@touchstone/core/random'
import { SEGMENTS } from './segments.ts'
import { DEMO_STORES, DEMO_TOUCHPOINTS } from './touchpoints.ts'

test('the catalogue has about 150 German articles from 9.90 to 1,899 EUR with unique ids', () => {
  assert.ok(DEMO_PRODUCTS.length >= 140 && DEMO_PRODUCTS.length <= 170, `${DEMO_PRODUCTS.length}`)
  assert.equal(new Set(DEMO_PRODUCTS.map((p) => p.productId)).size, DEMO_PRODUCTS.length)
  assert.equal(new Set(DEMO_PRODUCTS.map((p) => p.sku)).size, DEMO_PRODUCTS.length)
  const prices = DEMO_PRODUCTS.map((p) => p.price)
  assert.equal(Math.min(...prices), 9.9)
  assert.equal(Math.max(...prices), 1899)
  for (const p of DEMO_PRODUCTS) for (const id of p.complements) assert.ok(DEMO_PRODUCTS_BY_ID.has(id))
})

test('baskets carry co-purchase signal: complements are bought together far above chance', () => {
  const rng = new Random(3)
  const segment = SEGMENTS.find((s) => s.id === 'store-family')!
  let pairs = 0
  let complementPairs = 0
  for (let i = 0; i < 3000; i++) {
    const lines = drawBasket(rng, segment)
    const first = DEMO_PRODUCTS_BY_ID.get(lines[0]!.product_id)!
    for (const line of lines.slice(1)) {
      pairs++
      if (first.complements.includes(line.product_id)) complementPairs++
    }
  }
  const averageComplements =
    DEMO_PRODUCTS.reduce((n, p) => n + p.complements.length, 0) / DEMO_PRODUCTS.length
  const chance = averageComplements / DEMO_PRODUCTS.length
  assert.ok(pairs > 500)
  assert.ok(complementPairs / pairs > 3 * chance, `${complementPairs / pairs} vs chance ${chance}`)
})

test('touchpoints are kebab-case, on a known channel and stage, labelled in German and English', () => {
  for (const [id, tp] of Object.entries(DEMO_TOUCHPOINTS)) {
    assert.match(id, /^[a-z]+(-[a-z]+)*$/)
    assert.ok((CHANNELS as readonly string[]).includes(tp.channel))
    assert.ok((JOURNEY_STAGES as readonly string[]).includes(tp.stage))
    assert.ok(tp.label.de && tp.label.en)
    if (tp.channel === 'web') assert.ok('path' in tp)
  }
  for (const store of DEMO_STORES) assert.equal(DEMO_TOUCHPOINTS[store.touchpoint].channel, 'store')
})

test('segment shares sum to one', () => {
  assert.ok(Math.abs(SEGMENTS.reduce((sum, s) => sum + s.share, 0) - 1) < 1e-9)
})
