import { buildBaskets } from './purchase-baskets.ts'
import type { Purchase } from './purchase-baskets.ts'

export interface LeaveLastOutSplit {
  /** Every purchase except those of each person's held-out item. */
  train: Purchase[]
  /** Distinct items per person in the training data. */
  trainBaskets: Map<string, Set<string>>
  /** Person → the item held out for testing. */
  heldOut: Map<string, string>
}

/**
 * Leave-last-out split: for every person with at least two distinct items, the item they
 * bought for the first time most recently is held out and all its purchases leave the training
 * data; persons with one item stay wholly in training. Purchases are ordered by timestamp,
 * then by their order in the input. Holding out the newest *new* item (not a repeat purchase)
 * keeps the test honest, since recommenders never suggest items a person already owns.
 */
export function leaveLastOutSplit(purchases: readonly Purchase[]): LeaveLastOutSplit {
  const order = purchases
    .map((purchase, index) => ({ purchase, index }))
    .sort((a, b) => (a.purchase.timestamp ?? 0) - (b.purchase.timestamp ?? 0) || a.index - b.index)
  const firstSeen = new Map<string, string[]>()
  for (const { purchase } of order) {
    let items = firstSeen.get(purchase.personId)
    if (!items) firstSeen.set(purchase.personId, (items = []))
    if (!items.includes(purchase.itemId)) items.push(purchase.itemId)
  }
  const heldOut = new Map<string, string>()
  for (const [personId, items] of firstSeen)
    if (items.length >= 2) heldOut.set(personId, items[items.length - 1]!)
  const train = purchases.filter((p) => heldOut.get(p.personId) !== p.itemId)
  return { train, trainBaskets: buildBaskets(train), heldOut }
}

export interface HitRate {
  /** Persons whose held-out item was among their top K. */
  hits: number
  /** Persons evaluated (those with a held-out item). */
  persons: number
  /** hits / persons; 0 when nobody was evaluated. */
  hitRate: number
}

/** A recommender under test: the top `k` item ids for a person who owns `owned`. */
export type Recommender = (personId: string, owned: ReadonlySet<string>, k: number) => readonly string[]

/** Hit rate @ K (Deshpande & Karypis 2004): the share of persons whose held-out item is in their top K. */
export function hitRateAtK(split: LeaveLastOutSplit, recommend: Recommender, k = 10): HitRate {
  let hits = 0
  const empty = new Set<string>()
  for (const [personId, item] of split.heldOut) {
    const owned = split.trainBaskets.get(personId) ?? empty
    if (recommend(personId, owned, k).slice(0, k).includes(item)) hits++
  }
  const persons = split.heldOut.size
  return { hits, persons, hitRate: persons ? hits / persons : 0 }
}
