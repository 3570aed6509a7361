import { byScore } from './purchase-baskets.ts'
import type { ScoredItem } from './purchase-baskets.ts'

/**
 * The most-popular baseline: rank items by how many persons bought them. Hard to beat on
 * hit rate in skewed catalogues (Cremonesi, Koren & Turrin 2010, "Performance of recommender
 * algorithms on top-N recommendation tasks", RecSys), so every personalised model is reported
 * against it.
 */
export function popularItems(baskets: ReadonlyMap<string, ReadonlySet<string>>): ScoredItem[] {
  const buyers = new Map<string, number>()
  for (const basket of baskets.values())
    for (const item of basket) buyers.set(item, (buyers.get(item) ?? 0) + 1)
  return [...buyers].map(([itemId, score]) => ({ itemId, score })).sort(byScore)
}

/** The `n` most popular items the person does not own yet. */
export function recommendPopular(
  owned: ReadonlySet<string>,
  ranking: readonly ScoredItem[],
  n = 10,
): ScoredItem[] {
  const out: ScoredItem[] = []
  for (const item of ranking) {
    if (out.length >= n) break
    if (!owned.has(item.itemId)) out.push(item)
  }
  return out
}
