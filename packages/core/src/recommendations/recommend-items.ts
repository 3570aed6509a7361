import { byScore } from './purchase-baskets.ts'
import type { ScoredItem } from './purchase-baskets.ts'
import type { ItemSimilarity } from './item-similarity.ts'

export interface RecommendOptions {
  /** How many items to return. @default 10 */
  n?: number
  /**
   * Items (best first, e.g. the most-popular ranking) used to fill the list when the person's
   * items have fewer than `n` neighbours — new customers with one unusual purchase still get a
   * full list. Filled items get score 0.
   */
  fallback?: readonly string[]
}

/**
 * Top-N item-to-item recommendations for one person: every item similar to something the
 * person owns scores the sum of its similarities to the owned items (Sarwar et al. 2001;
 * Deshpande & Karypis 2004, "Item-based top-N recommendation algorithms"), owned items are
 * excluded, and the highest scores win.
 */
export function recommendItems(
  owned: ReadonlySet<string>,
  similarity: ItemSimilarity,
  options: RecommendOptions = {},
): ScoredItem[] {
  const n = options.n ?? 10
  const scores = new Map<string, number>()
  for (const item of owned) {
    for (const { itemId, score } of similarity.get(item) ?? []) {
      if (owned.has(itemId) || score <= 0) continue
      scores.set(itemId, (scores.get(itemId) ?? 0) + score)
    }
  }
  const ranked = [...scores]
    .map(([itemId, score]) => ({ itemId, score }))
    .sort(byScore)
    .slice(0, n)
  if (ranked.length < n && options.fallback) {
    const taken = new Set(ranked.map((r) => r.itemId))
    for (const itemId of options.fallback) {
      if (ranked.length >= n) break
      if (owned.has(itemId) || taken.has(itemId)) continue
      ranked.push({ itemId, score: 0 })
      taken.add(itemId)
    }
  }
  return ranked
}
