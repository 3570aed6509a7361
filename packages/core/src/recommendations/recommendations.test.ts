import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildBaskets } from './purchase-baskets.ts'
import type { Purchase } from './purchase-baskets.ts'
import { itemSimilarity } from './item-similarity.ts'
import { recommendItems } from './recommend-items.ts'
import { popularItems, recommendPopular } from './most-popular.ts'
import { hitRateAtK, leaveLastOutSplit } from './hit-rate.ts'

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`)

// u1 {a,b,c}, u2 {a,b}, u3 {b,c}, u4 {a,d} (u4 bought a twice: still one incidence).
// Buyers: a 3, b 3, c 2, d 1. Both: ab 2, ac 1, bc 2, ad 1.
const purchases: Purchase[] = [
  ['u1', 'a'],
  ['u1', 'b'],
  ['u1', 'c'],
  ['u2', 'a'],
  ['u2', 'b'],
  ['u3', 'b'],
  ['u3', 'c'],
  ['u4', 'a'],
  ['u4', 'a'],
  ['u4', 'd'],
].map(([personId, itemId]) => ({ personId: personId!, itemId: itemId! }))
const baskets = buildBaskets(purchases)
const sim = (s: ReturnType<typeof itemSimilarity>, x: string, y: string) =>
  s.get(x)!.find((n) => n.itemId === y)?.score ?? 0

test('cosine on the binary incidence matrix', () => {
  const s = itemSimilarity(baskets)
  close(sim(s, 'a', 'b'), 2 / 3) // 2 / √(3·3)
  close(sim(s, 'a', 'c'), 1 / Math.sqrt(6))
  close(sim(s, 'b', 'c'), 2 / Math.sqrt(6))
  close(sim(s, 'a', 'd'), 1 / Math.sqrt(3))
  close(sim(s, 'd', 'a'), 1 / Math.sqrt(3))
  assert.equal(sim(s, 'c', 'd'), 0) // never bought together: no neighbour entry at all
  assert.deepEqual(
    s.get('a')!.map((n) => n.itemId),
    ['b', 'd', 'c'],
  )
})

test('shrinkage multiplies by n_ij / (n_ij + λ)', () => {
  const s = itemSimilarity(baskets, { shrinkage: 1 })
  close(sim(s, 'a', 'b'), (2 / 3) * (2 / 3))
  close(sim(s, 'a', 'd'), (1 / Math.sqrt(3)) * (1 / 2))
  close(sim(s, 'b', 'c'), (2 / Math.sqrt(6)) * (2 / 3))
  // Shrinkage reorders a's neighbours: c (1/√6 · 1/2 = 0.204) stays last, d (0.289) second.
  assert.deepEqual(
    s.get('a')!.map((n) => n.itemId),
    ['b', 'd', 'c'],
  )
})

test('recommendations sum similarities to owned items and skip owned ones', () => {
  const s = itemSimilarity(baskets)
  const forAB = recommendItems(new Set(['a', 'b']), s)
  assert.deepEqual(
    forAB.map((r) => r.itemId),
    ['c', 'd'],
  )
  close(forAB[0]!.score, 1 / Math.sqrt(6) + 2 / Math.sqrt(6))
  close(forAB[1]!.score, 1 / Math.sqrt(3))
  assert.deepEqual(
    recommendItems(new Set(['d']), s, { n: 2 }).map((r) => r.itemId),
    ['a'],
  )
  // The fallback fills the list, skipping owned and already recommended items.
  assert.deepEqual(
    recommendItems(new Set(['d']), s, { n: 3, fallback: ['a', 'd', 'b', 'c'] }).map((r) => r.itemId),
    ['a', 'b', 'c'],
  )
})

test('most-popular ranks by number of buyers, ties by id', () => {
  const ranking = popularItems(baskets)
  assert.deepEqual(
    ranking.map((r) => [r.itemId, r.score]),
    [
      ['a', 3],
      ['b', 3],
      ['c', 2],
      ['d', 1],
    ],
  )
  assert.deepEqual(
    recommendPopular(new Set(['a']), ranking, 2).map((r) => r.itemId),
    ['b', 'c'],
  )
})

test('leave-last-out split and hit rate @ 1 by hand', () => {
  const timed: Purchase[] = [
    ['u1', 'a', 1],
    ['u1', 'b', 2],
    ['u1', 'c', 3],
    ['u2', 'b', 2],
    ['u2', 'a', 1],
    ['u3', 'b', 1],
    ['u3', 'c', 2],
    ['u4', 'a', 1],
    ['u4', 'd', 2],
    ['u5', 'a', 1],
    ['u5', 'b', 2],
    ['u5', 'a', 3], // a repeat purchase: b is still the newest new item
    ['u6', 'c', 1], // one item only: training data, not evaluated
  ].map(([personId, itemId, timestamp]) => ({
    personId: personId as string,
    itemId: itemId as string,
    timestamp: timestamp as number,
  }))
  const split = leaveLastOutSplit(timed)
  assert.deepEqual(Object.fromEntries(split.heldOut), { u1: 'c', u2: 'b', u3: 'c', u4: 'd', u5: 'b' })
  assert.equal(split.train.length, 8)
  assert.deepEqual([...split.trainBaskets.get('u5')!], ['a'])

  // Training baskets: u1 {a,b}, u2 {a}, u3 {b}, u4 {a}, u5 {a}, u6 {c}. Only a–b co-occur.
  // Item-item @1: u1 owns both, nothing left (miss c); u2, u5 get b (hit); u3 gets a (miss);
  // u4 gets b (miss d) ⇒ 2 of 5.
  const s = itemSimilarity(split.trainBaskets)
  const itemItem = hitRateAtK(
    split,
    (_, owned, k) => recommendItems(owned, s, { n: k }).map((r) => r.itemId),
    1,
  )
  assert.deepEqual(itemItem, { hits: 2, persons: 5, hitRate: 0.4 })

  // Popular (a 4, b 2, c 1): u1 gets c (hit), u2 b (hit), u3 a (miss), u4 b (miss), u5 b (hit) ⇒ 3 of 5.
  const ranking = popularItems(split.trainBaskets)
  const popular = hitRateAtK(
    split,
    (_, owned, k) => recommendPopular(owned, ranking, k).map((r) => r.itemId),
    1,
  )
  assert.deepEqual(popular, { hits: 3, persons: 5, hitRate: 0.6 })
})
