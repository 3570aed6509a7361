import type { IdentityRegistry, IdentityRows } from '../identity/identity-registry.ts'
import type { ValidMessage } from '../ingest/to-event-row.ts'
import type { EventRow } from '../stores/events/event-row.ts'
import { consentStatementOf, type ConsentRegistry, type ConsentRow } from './consent-registry.ts'
import { truncateIp } from './ip-address.ts'
import type { PrivacySettings, PrivacySettingsCache } from './privacy-settings.ts'

/** What ingestion does with one message: store it for a person, store it anonymised, or drop it. */
export type Admission = { personId: string } | 'anonymise' | 'drop'

// Context keys an anonymised event keeps: where and how it happened, nothing about who.
const ANONYMOUS_CONTEXT = new Set([
  'page',
  'screen',
  'locale',
  'library',
  'campaign',
  'app',
  'os',
  'channel',
  'touchpoint',
  'timezone',
])
// Identity carries nothing once the person is unknown: these are dropped, not anonymised.
const IDENTITY_TYPES = new Set(['identify', 'alias', 'group'])

/**
 * Consent and IP rules on the ingest path. Settings come from a per-workspace cache and consents
 * from the in-memory registry, so admitting a message costs no I/O; consent changes carried by
 * messages are persisted with the request (acknowledged only once stored).
 */
export class IngestPrivacy {
  private unsaved: ConsentRow[] = []

  constructor(
    readonly settingsCache: PrivacySettingsCache,
    readonly consents: ConsentRegistry,
    private readonly identities: IdentityRegistry,
    private readonly persist: (rows: ConsentRow[]) => Promise<void>,
  ) {}

  /** The workspace's settings (cached; a database read at most once per TTL). */
  settings(workspaceId: string): PrivacySettings | Promise<PrivacySettings> {
    return this.settingsCache.peek(workspaceId) ?? this.settingsCache.get(workspaceId)
  }

  /**
   * Decides a message's fate and resolves its person. A message's own consent statement
   * (`context.consent.categoryPreferences`) is applied first, so the event that grants consent
   * is kept. Without a grant (in drop/anonymise mode) the identity graph is only read, never
   * written: the identifiers of a person who did not consent are not stored.
   */
  admit(
    workspaceId: string,
    settings: PrivacySettings,
    message: ValidMessage,
    context: Record<string, unknown> | undefined,
    now: number,
    idRows: IdentityRows,
    changed: ConsentRow[],
  ): Admission {
    const statement = consentStatementOf(context)
    if (settings.consentMode === 'off' || statement?.analytics === true) {
      const personId = this.identities.resolve(workspaceId, message.identifiers, now, idRows, {
        alias: message.alias,
      })
      if (statement) this.record(workspaceId, personId, statement, now, changed)
      return { personId }
    }
    const graph = this.identities.graph(workspaceId)
    let known: string | undefined
    for (const id of message.identifiers) {
      known = graph.lookup(id)
      if (known) break
    }
    if (known && statement) this.record(workspaceId, known, statement, now, changed)
    if (
      statement?.analytics === undefined &&
      known &&
      this.consents.state(workspaceId, graph.mergedIds(known)).analytics === true
    ) {
      const personId = this.identities.resolve(workspaceId, message.identifiers, now, idRows, {
        alias: message.alias,
      })
      return { personId }
    }
    if (settings.consentMode === 'drop' || IDENTITY_TYPES.has(message.type)) return 'drop'
    return 'anonymise'
  }

  private record(
    workspaceId: string,
    personId: string,
    statement: NonNullable<ReturnType<typeof consentStatementOf>>,
    now: number,
    changed: ConsentRow[],
  ): void {
    const ids = this.identities.graph(workspaceId).mergedIds(personId)
    // The canonical id first: a new statement is stored under the surviving person.
    const canonical = this.identities.graph(workspaceId).canonical(personId)
    const ordered = [canonical, ...ids.filter((id) => id !== canonical)]
    for (const row of this.consents.record(workspaceId, ordered, statement, 'ingest', new Date(now)))
      changed.push(row)
  }

  /** Stores consent changes (and any left from a failed earlier attempt). */
  async save(rows: ConsentRow[]): Promise<void> {
    const batch = this.unsaved.concat(rows)
    this.unsaved = []
    if (batch.length === 0) return
    try {
      await this.persist(batch)
    } catch (error) {
      // The registry already holds them; keep them for the next write so they reach the table.
      this.unsaved = batch.concat(this.unsaved)
      throw error
    }
  }
}

/** Applies the IP rule to a row's `context.ip` (rows are fresh objects; mutated in place). */
export function applyIpRule(row: EventRow, rule: PrivacySettings['ipAddresses']): void {
  const context = row.context as Record<string, unknown> | undefined
  if (!context || !('ip' in context) || rule === 'keep') return
  const truncated = rule === 'truncate' ? truncateIp(context.ip) : undefined
  const copy = { ...context }
  if (truncated === undefined) delete copy.ip
  else copy.ip = truncated
  row.context = copy
}

/**
 * Strips a row of everything that names a person: user and anonymous id, traits, IP, user agent
 * and any context but where/how it happened; `email`/`phone` properties. The person id is the
 * opaque per-event id given.
 */
export function anonymiseRow(row: EventRow, opaqueId: string): void {
  row.personId = opaqueId
  row.userId = ''
  row.anonymousId = ''
  row.traits = null
  const context = (row.context ?? {}) as Record<string, unknown>
  row.context = Object.fromEntries(Object.entries(context).filter(([k]) => ANONYMOUS_CONTEXT.has(k)))
  const properties = (row.properties ?? {}) as Record<string, unknown>
  row.properties = Object.fromEntries(
    Object.entries(properties).filter(([k]) => !/^(e-?mail|phone|user_?id|anonymous_?id)$/i.test(k)),
  )
}
