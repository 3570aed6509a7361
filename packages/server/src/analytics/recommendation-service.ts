import {
  buildBaskets,
  itemSimilarity,
  popularItems,
  recommendItems,
  type ItemSimilarity,
  type ScoredItem,
} from '@touchstone/core/recommendations'
import type { EventStore } from '../stores/events/event-store.ts'
import type { TimeRange } from './analytics-params.ts'
import { resolvedEvents } from './resolved-events.ts'

/** The co-purchase model of a workspace. */
export interface RecommendationModel {
  baskets: Map<string, Set<string>>
  similarity: ItemSimilarity
  popular: ScoredItem[]
}

/**
 * Shrinkage of the item cosine (n_ij / (n_ij + 5)): bench/recommendations.ts measured it best
 * against the most-popular baseline on the demo catalogue.
 */
const SHRINKAGE = 5

/**
 * Builds the item-to-item model from the products of the conversion event
 * (`properties.products[].product_id`, also `productId`/`sku`; the Segment e-commerce spec).
 */
export async function fitRecommendations(
  events: EventStore,
  ws: string,
  range: TimeRange,
  conversionEvent: string,
): Promise<RecommendationModel> {
  const rows = await events.query<{ person: string; item: string }>(
    `SELECT DISTINCT toString(person) AS person, item FROM (
       SELECT person, arrayJoin(arrayMap(p -> coalesce(nullIf(JSONExtractString(p, 'product_id'), ''),
                                                        nullIf(JSONExtractString(p, 'productId'), ''),
                                                        JSONExtractString(p, 'sku')), products)) AS item
       FROM (${resolvedEvents(
         `JSONExtractArrayRaw(e.properties, 'products') AS products`,
         `AND e.event = {conv:String} AND e.event_time >= {from:DateTime64(3, 'UTC')}
          AND e.event_time < {to:DateTime64(3, 'UTC')}`,
       )})
     ) WHERE item != ''`,
    { ws, from: range.from, to: range.to, conv: conversionEvent },
  )
  const baskets = buildBaskets(rows.map((r) => ({ personId: r.person, itemId: r.item })))
  return {
    baskets,
    similarity: itemSimilarity(baskets, { shrinkage: SHRINKAGE }),
    popular: popularItems(baskets),
  }
}

/** Recommendations for one person: similar to what they bought, never what they own. */
export function recommendFor(model: RecommendationModel, personId: string, n: number) {
  const owned = model.baskets.get(personId) ?? new Set<string>()
  return {
    owned: [...owned].sort(),
    items: recommendItems(owned, model.similarity, { n, fallback: model.popular.map((p) => p.itemId) }),
  }
}

/** "Customers who bought X also bought": the nearest items of one item. */
export function alsoBought(model: RecommendationModel, itemId: string, n: number): ScoredItem[] {
  return (model.similarity.get(itemId) ?? []).slice(0, n)
}

/**
 * Display names of items (`properties.products[].name` of the conversion event, the latest one
 * seen), so a profile shows "Trail Running Shoe" rather than a SKU. Items without one are absent.
 */
export async function itemNames(
  events: EventStore,
  ws: string,
  range: TimeRange,
  conversionEvent: string,
  itemIds: string[],
): Promise<Record<string, string>> {
  if (itemIds.length === 0) return {}
  const rows = await events.query<{ item: string; name: string }>(
    `SELECT item, argMax(product_name, t) AS name FROM (
       SELECT coalesce(nullIf(JSONExtractString(p, 'product_id'), ''), nullIf(JSONExtractString(p, 'productId'), ''),
                       JSONExtractString(p, 'sku')) AS item,
              JSONExtractString(p, 'name') AS product_name, event_time AS t
       FROM events ARRAY JOIN JSONExtractArrayRaw(properties, 'products') AS p
       WHERE workspace_id = {ws:String} AND event = {conv:String}
         AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}
     ) WHERE item IN {items:Array(String)} AND product_name != '' GROUP BY item`,
    { ws, from: range.from, to: range.to, conv: conversionEvent, items: itemIds },
  )
  return Object.fromEntries(rows.map((r) => [r.item, r.name]))
}
