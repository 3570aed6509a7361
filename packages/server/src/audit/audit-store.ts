/** One entry of the audit log: who did what to which target, when, from where. */
export interface AuditEntry {
  /** Increasing: the newest entry has the largest id (the list's cursor). */
  id: number
  /** Null for actions outside any workspace. */
  workspaceId: string | null
  /** Key id, `session:<userId>`, `cli` or `system`. */
  actor: string
  /** Dotted verb, e.g. `key.created`, `member.role_changed`. */
  action: string
  target: string | null
  details: Record<string, unknown>
  ip: string | null
  at: Date
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>

/** Which entries to list: a time range, an action (exact, or a prefix ending in `.*`), a cursor. */
export interface AuditFilter {
  from?: Date
  to?: Date
  action?: string
  /** Entries older than this id (the previous page's `nextCursor`). */
  before?: number
  limit: number
}

/** Append-only storage of the audit log (PostgreSQL table `audit_log`). */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<AuditEntry>
  /** A workspace's entries, newest first. */
  list(workspaceId: string, filter: AuditFilter): Promise<AuditEntry[]>
}
