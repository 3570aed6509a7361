/** One stored event, as written to the `events` table (times as epoch milliseconds). */
export interface EventRow {
  workspaceId: string
  messageId: string
  type: string
  event: string
  personId: string
  anonymousId: string
  userId: string
  channel: string
  touchpoint: string
  eventTime: number
  clientTime: number | null
  sentAt: number | null
  receivedAt: number
  /** Stored as its JSON text; written as a nested object, so it is serialised once, not twice. */
  properties: Record<string, unknown>
  /** Identify/group traits; null for other calls. */
  traits: Record<string, unknown> | null
  context: Record<string, unknown>
  /** Where the row came from: `api`, `import`, `demo`. */
  source: string
}

/** One identifier → person link. */
export interface IdentityRow {
  workspaceId: string
  kind: string
  value: string
  personId: string
  createdAt: number
}

/** One person merged into another. */
export interface MergeRow {
  workspaceId: string
  oldPersonId: string
  newPersonId: string
  version: number
  createdAt: number
}

/** What one durable write carries: identity changes first, then the events that use them. */
export interface EventBatch {
  events: EventRow[]
  identities: IdentityRow[]
  merges: MergeRow[]
}

/** An event as read back for a timeline. */
export interface StoredEvent {
  messageId: string
  type: string
  event: string
  channel: string
  touchpoint: string
  eventTime: string
  receivedAt: string
  anonymousId: string
  userId: string
  properties: Record<string, unknown>
  traits: Record<string, unknown>
  context: Record<string, unknown>
  source: string
}

/** Aggregate activity of a person. */
export interface PersonActivity {
  firstSeen: string | null
  lastSeen: string | null
  eventCount: number
  /** Traits of identify calls, oldest first. */
  traitHistory: Array<Record<string, unknown>>
}
