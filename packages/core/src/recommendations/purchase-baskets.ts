/** One purchase (or any "person used item" event) as recommendations see it. */
export interface Purchase {
  personId: string
  itemId: string
  /** Epoch ms; only the order matters (for the leave-last-out split). */
  timestamp?: number
}

/** The set of distinct items each person bought: the person × item incidence matrix, row by row. */
export function buildBaskets(purchases: readonly Purchase[]): Map<string, Set<string>> {
  const baskets = new Map<string, Set<string>>()
  for (const { personId, itemId } of purchases) {
    let basket = baskets.get(personId)
    if (!basket) baskets.set(personId, (basket = new Set()))
    basket.add(itemId)
  }
  return baskets
}

/** A recommended item with the score it was ranked by. */
export interface ScoredItem {
  itemId: string
  score: number
}

/** Orders by score, highest first, then by item id so that equal scores rank reproducibly. */
export function byScore(a: ScoredItem, b: ScoredItem): number {
  return b.score - a.score || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
}
