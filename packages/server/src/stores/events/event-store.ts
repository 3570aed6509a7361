import type { EventBatch, PersonActivity, StoredEvent } from './event-row.ts'

/** A page of a person's timeline, newest first. */
export interface TimelinePage {
  events: StoredEvent[]
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextCursor: string | null
}

/** A persisted identity link, as loaded at start-up. */
export interface StoredLink {
  workspaceId: string
  kind: string
  value: string
  personId: string
}

/** A persisted merge, as loaded at start-up. */
export interface StoredMerge {
  workspaceId: string
  oldPersonId: string
  newPersonId: string
}

/**
 * The event store: events, the identity map and person merges, in ClickHouse SQL. One
 * implementation serves chDB (embedded) and a ClickHouse server; see docs/decisions/0002.
 */
export interface EventStore {
  /** Applies pending schema migrations; returns how many ran. */
  migrate(): Promise<number>
  /** Writes one batch durably: identity links and merges first, then the events. */
  write(batch: EventBatch): Promise<void>
  /** Streams every identity link and the newest target of every merged person. */
  loadIdentityGraph(onLink: (link: StoredLink) => void, onMerge: (merge: StoredMerge) => void): Promise<void>
  /** Message ids received since `sinceMs` (newest first, at most `limit`) — warms the de-duplication window. */
  recentMessageIds(sinceMs: number, limit: number): Promise<Array<{ workspaceId: string; messageId: string }>>
  /** Person ids (as stored, before merges) that an identifier value of any kind belongs to. */
  personIdsByIdentifier(workspaceId: string, values: string[]): Promise<string[]>
  /** The person a stored person id now resolves to (following merges). */
  survivingPersonId(workspaceId: string, personId: string): Promise<string>
  /** Every stored person id that resolves to `personId`, itself included. */
  mergedPersonIds(workspaceId: string, personId: string): Promise<string[]>
  /** Identifiers linked to any of the person ids. */
  identifiers(workspaceId: string, personIds: string[]): Promise<Array<{ kind: string; value: string }>>
  /** First/last seen, event count and identify traits of a person. */
  activity(workspaceId: string, personIds: string[]): Promise<PersonActivity>
  /** Events of a person, newest first, `limit` per page. */
  timeline(workspaceId: string, personIds: string[], limit: number, before?: string): Promise<TimelinePage>
  /** Counts events of a workspace, each messageId once (tests, health, benchmarks). */
  countEvents(workspaceId: string): Promise<number>
  /**
   * Runs a statement that returns no rows — a mutation (`ALTER TABLE … DELETE`), `BACKUP` — with
   * bound parameters (`{name:Type}`). Used by privacy (erasure, retention) and backup.
   */
  execute(sql: string, params?: Record<string, unknown>): Promise<void>
  /** Runs a read query with bound parameters (`{name:Type}`) and returns its rows. */
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>
  /**
   * Like `query`, but the result as columns (name → values): for results of 100 k+ rows, where
   * one parse and no object per row measured ≈ 2× faster to read (attribution).
   */
  queryColumns<T extends Record<string, unknown[]>>(sql: string, params?: Record<string, unknown>): Promise<T>
  /** Throws when the store cannot answer. */
  ping(): Promise<void>
  close(): Promise<void>
}
