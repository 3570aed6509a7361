import { DEFAULT_TOPIC_TAXONOMY, topicTaxonomyProblems, type TopicTaxonomy } from '@touchstone/core/text'
import type { MetaStore } from '../stores/meta/meta-store.ts'

/** Where a workspace's own taxonomy lives in its settings document. */
export const TOPICS_SETTING = 'topics'

type SettingsReader = Pick<MetaStore, 'workspaceSettings'>

/** The workspace's own taxonomy when it stores a valid one, else undefined (use the default). */
export function storedTopicTaxonomy(
  settings: Record<string, unknown> | undefined,
): TopicTaxonomy | undefined {
  const stored = (settings?.[TOPICS_SETTING] as { taxonomy?: unknown } | undefined)?.taxonomy
  return stored !== undefined && topicTaxonomyProblems(stored).length === 0
    ? (stored as TopicTaxonomy)
    : undefined
}

/**
 * Topic taxonomies per workspace, cached so storing a response reads no settings per submit:
 * loaded once and kept for `ttlMs`. A change through this process applies at once (`forget`);
 * one made by another process within the TTL. The taxonomy object stays the same between loads,
 * which also keeps core's per-taxonomy compiled keyword sets warm.
 */
export class TopicTaxonomyCache {
  private readonly entries = new Map<string, { taxonomy: TopicTaxonomy; custom: boolean; at: number }>()

  constructor(
    private readonly meta: SettingsReader,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The taxonomy a workspace's comments are classified with, and whether it is its own. */
  async get(workspaceId: string): Promise<{ taxonomy: TopicTaxonomy; custom: boolean }> {
    const entry = this.entries.get(workspaceId)
    if (entry && this.now() - entry.at < this.ttlMs) return entry
    const own = storedTopicTaxonomy(await this.meta.workspaceSettings(workspaceId))
    // An unchanged stored taxonomy keeps its object (and core's compiled rules) across reloads.
    const same = entry?.custom && own && JSON.stringify(entry.taxonomy) === JSON.stringify(own)
    const next = {
      taxonomy: same ? entry.taxonomy : (own ?? DEFAULT_TOPIC_TAXONOMY),
      custom: own !== undefined,
      at: this.now(),
    }
    this.entries.set(workspaceId, next)
    return next
  }

  /** Drops the cached entry after a change, so the next response uses the new taxonomy. */
  forget(workspaceId: string): void {
    this.entries.delete(workspaceId)
  }
}

const caches = new WeakMap<SettingsReader, TopicTaxonomyCache>()

/** The one cache of a meta store (the submit path and the topic routes share it). */
export function topicTaxonomyCache(meta: SettingsReader): TopicTaxonomyCache {
  let cache = caches.get(meta)
  if (!cache) {
    cache = new TopicTaxonomyCache(meta)
    caches.set(meta, cache)
  }
  return cache
}
