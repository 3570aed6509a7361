// Benchmark: hit rate @ 10 of item-to-item co-purchase recommendations against the
// most-popular baseline, on synthetic purchases with latent product categories, in one run.
//
//   node --import tsx bench/recommendations.ts [--seed 42] [--persons 6000]
//
// The generator mimics a shop catalogue: categories of very different size of demand (Zipf),
// items with Zipf popularity inside their category, each category with one complementary
// category (camera → lenses), and customers who shop mostly in one to three favourite
// categories. Co-purchase similarity should find the categories; popularity cannot.
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { seededRandom } from '../packages/core/src/random/seeded-random.ts'
import type { SeededRandom } from '../packages/core/src/random/seeded-random.ts'
import type { Purchase } from '../packages/core/src/recommendations/purchase-baskets.ts'
import { itemSimilarity } from '../packages/core/src/recommendations/item-similarity.ts'
import { recommendItems } from '../packages/core/src/recommendations/recommend-items.ts'
import { popularItems, recommendPopular } from '../packages/core/src/recommendations/most-popular.ts'
import { hitRateAtK, leaveLastOutSplit } from '../packages/core/src/recommendations/hit-rate.ts'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    persons: { type: 'string', default: '6000' },
    categories: { type: 'string', default: '24' },
    'items-per-category': { type: 'string', default: '40' },
  },
})
const seed = Number(values.seed)
const persons = Number(values.persons)
const categories = Number(values.categories)
const itemsPerCategory = Number(values['items-per-category'])

const zipf = (n: number, s = 1) => Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s))

/** Synthetic purchases: latent categories, Zipf popularity, complementary categories. */
function synthesise(random: SeededRandom): Purchase[] {
  const categoryDemand = zipf(categories, 0.8)
  const itemDemand = zipf(itemsPerCategory, 1)
  // Each category's complement is another random category.
  const complement = Array.from(
    { length: categories },
    (_, c) => (c + 1 + random.int(categories - 1)) % categories,
  )
  const allItems = Array.from({ length: categories * itemsPerCategory }, (_, i) => i)
  const globalDemand = allItems.map(
    (i) => categoryDemand[Math.floor(i / itemsPerCategory)]! * itemDemand[i % itemsPerCategory]!,
  )
  const itemIn = (category: number) => `c${category}-i${random.weighted(itemDemand)}`

  const purchases: Purchase[] = []
  for (let p = 0; p < persons; p++) {
    const favourites = Array.from({ length: 1 + random.int(3) }, () => random.weighted(categoryDemand))
    const favouriteWeights = favourites.map((_, i) => 1 / (i + 1))
    // Basket size 2 + geometric with mean 4: most customers buy a handful of items, a few many.
    let size = 2
    while (random.next() < 0.8 && size < 40) size++
    let time = random.int(1_000_000)
    for (let k = 0; k < size; k++) {
      const roll = random.next()
      const favourite = favourites[random.weighted(favouriteWeights)]!
      let itemId: string
      if (roll < 0.7) itemId = itemIn(favourite)
      else if (roll < 0.85) itemId = itemIn(complement[favourite]!)
      else {
        const i = random.weighted(globalDemand)
        itemId = `c${Math.floor(i / itemsPerCategory)}-i${i % itemsPerCategory}`
      }
      time += 1 + random.int(86_400_000)
      purchases.push({ personId: `p${p}`, itemId, timestamp: time })
    }
  }
  return purchases
}

const t0 = performance.now()
const purchases = synthesise(seededRandom(seed))
const split = leaveLastOutSplit(purchases)
const t1 = performance.now()
const ranking = popularItems(split.trainBaskets)
const popularIds = ranking.map((r) => r.itemId)

const rows: { model: string; hitRate: number; hits: number; ms: number }[] = []
const run = (model: string, build: () => (owned: ReadonlySet<string>, k: number) => readonly string[]) => {
  const start = performance.now()
  const recommend = build()
  const result = hitRateAtK(split, (_, owned, k) => recommend(owned, k), 10)
  rows.push({ model, hitRate: result.hitRate, hits: result.hits, ms: performance.now() - start })
}

run('most popular (baseline)', () => (owned, k) => recommendPopular(owned, ranking, k).map((r) => r.itemId))
run('item-item cosine', () => {
  const s = itemSimilarity(split.trainBaskets)
  return (owned, k) => recommendItems(owned, s, { n: k }).map((r) => r.itemId)
})
for (const shrinkage of [5, 20]) {
  run(`item-item cosine, shrinkage ${shrinkage}`, () => {
    const s = itemSimilarity(split.trainBaskets, { shrinkage })
    return (owned, k) => recommendItems(owned, s, { n: k }).map((r) => r.itemId)
  })
}
run('item-item cosine, shrinkage 5, popular fallback', () => {
  const s = itemSimilarity(split.trainBaskets, { shrinkage: 5 })
  return (owned, k) => recommendItems(owned, s, { n: k, fallback: popularIds }).map((r) => r.itemId)
})

const distinctItems = new Set(purchases.map((p) => p.itemId)).size
console.log(
  `recommendations benchmark — seed ${seed}: ${persons} persons, ${purchases.length} purchases, ` +
    `${distinctItems} of ${categories * itemsPerCategory} items bought; ` +
    `${split.heldOut.size} persons evaluated (leave-last-out); data ${(t1 - t0).toFixed(0)} ms`,
)
console.log('model'.padEnd(50) + 'hit-rate@10'.padStart(12) + 'hits'.padStart(8) + 'ms'.padStart(8))
for (const r of rows) {
  console.log(
    r.model.padEnd(50) +
      (r.hitRate * 100).toFixed(1).padStart(11) +
      '%' +
      String(r.hits).padStart(8) +
      r.ms.toFixed(0).padStart(8),
  )
}
const base = rows[0]!.hitRate
const best = rows.slice(1).reduce((a, b) => (b.hitRate > a.hitRate ? b : a))
console.log(`best item-item vs most popular: ×${(best.hitRate / base).toFixed(2)} (${best.model})`)
