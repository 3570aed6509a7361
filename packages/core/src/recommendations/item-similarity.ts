import { byScore } from './purchase-baskets.ts'
import type { ScoredItem } from './purchase-baskets.ts'

export interface ItemSimilarityOptions {
  /**
   * Shrinkage λ: each similarity is multiplied by n_ij / (n_ij + λ), where n_ij is the number
   * of persons who bought both items, so that a cosine of 1 resting on one shared buyer does
   * not outrank a cosine of 0.6 resting on fifty (Koren 2008, "Factorization meets the
   * neighborhood", KDD, eq. 2; Bell & Koren 2007). 0 turns it off.
   * @default 0
   */
  shrinkage?: number
  /**
   * How many most similar items to keep per item; the usual neighbourhood truncation that keeps
   * the model small without changing top-N results noticeably (Sarwar et al. 2001).
   * @default 100
   */
  maxNeighbours?: number
}

/** For each item, its most similar items, most similar first. */
export type ItemSimilarity = Map<string, ScoredItem[]>

/**
 * Item-to-item collaborative filtering similarity (Sarwar, Karypis, Konstan & Riedl 2001,
 * "Item-based collaborative filtering recommendation algorithms", WWW; Linden, Smith & York
 * 2003, "Amazon.com recommendations: item-to-item collaborative filtering"): cosine of the
 * items' columns in the binary person × item incidence matrix, n_ij / √(n_i · n_j), where n_i
 * counts the buyers of item i and n_ij the buyers of both.
 */
export function itemSimilarity(
  baskets: ReadonlyMap<string, ReadonlySet<string>>,
  options: ItemSimilarityOptions = {},
): ItemSimilarity {
  const shrinkage = options.shrinkage ?? 0
  const maxNeighbours = options.maxNeighbours ?? 100
  if (!(shrinkage >= 0)) throw new RangeError('itemSimilarity: shrinkage must be ≥ 0')

  const buyers = new Map<string, number>()
  const together = new Map<string, Map<string, number>>()
  for (const basket of baskets.values()) {
    const items = [...basket]
    for (const item of items) buyers.set(item, (buyers.get(item) ?? 0) + 1)
    // Counting co-purchases basket by basket costs Σ |basket|², cheap for shopping baskets and
    // far cheaper than multiplying the (sparse) incidence matrix densely.
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        increment(together, items[i]!, items[j]!)
        increment(together, items[j]!, items[i]!)
      }
    }
  }

  const similarity: ItemSimilarity = new Map()
  for (const [item, n] of buyers) {
    const neighbours: ScoredItem[] = []
    for (const [other, both] of together.get(item) ?? []) {
      const cosine = both / Math.sqrt(n * buyers.get(other)!)
      const score = shrinkage > 0 ? (cosine * both) / (both + shrinkage) : cosine
      neighbours.push({ itemId: other, score })
    }
    neighbours.sort(byScore)
    similarity.set(item, neighbours.slice(0, maxNeighbours))
  }
  return similarity
}

function increment(counts: Map<string, Map<string, number>>, a: string, b: string): void {
  let row = counts.get(a)
  if (!row) counts.set(a, (row = new Map()))
  row.set(b, (row.get(b) ?? 0) + 1)
}
