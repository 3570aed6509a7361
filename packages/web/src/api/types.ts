/** Response shapes of the server routes the dashboard uses (see GET /docs/json). */

export interface Session {
  user: { id: string; email: string }
  workspace: { id: string; name: string }
  role: string
  workspaces: Array<{ id: string; name: string; role: string }>
  csrfToken: string
  expiresAt: string
}

export interface WorkspaceSummary {
  id: string
  name: string
  events: number
  persons: number
  daily: Array<{ day: string; events: number; persons: number }>
  channels: Array<{ channel: string; events: number }>
  writeKeys: Array<{ name: string; prefix: string; createdAt: string; lastUsedAt: string | null }>
}

/** `GET /api/workspace/catalog`: what the funnel builder offers as steps. */
export interface EventCatalog {
  eventNames: Array<{ event: string; events: number }>
  touchpoints: Array<{ touchpoint: string; channel: string; events: number }>
}

export interface Person {
  id: string
  mergedIds: string[]
  identifiers: Array<{ kind: string; value: string }>
  traits: Record<string, unknown>
  firstSeen: string | null
  lastSeen: string | null
  eventCount: number
}

export interface TimelineItem {
  kind: 'event'
  messageId: string
  type: string
  event: string
  channel: string
  touchpoint: string
  eventTime: string
  properties: Record<string, unknown>
  source: string
}

export interface TimelinePage {
  personId: string
  items: TimelineItem[]
  nextCursor: string | null
}
