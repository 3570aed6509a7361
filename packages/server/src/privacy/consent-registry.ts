/** What a person can consent to. */
export const CONSENT_PURPOSES = ['analytics', 'surveys'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

/** A statement of consent: granted (true) or refused (false) per purpose; absent = not stated. */
export type ConsentStatement = Partial<Record<ConsentPurpose, boolean>>

/** One stored consent (a row of the `consents` table). */
export interface ConsentRow {
  workspaceId: string
  personId: string
  purpose: ConsentPurpose
  granted: boolean
  /** Where it was given: api, ingest … */
  source: string
  updatedAt: Date
}

/**
 * The consent statement a Segment message carries, by the convention Segment's consent
 * management uses: `context.consent.categoryPreferences`, an object of category → boolean.
 * Categories named `analytics` and `surveys` (any letter case) count; others are ignored.
 * Undefined when the message states nothing about these purposes.
 */
export function consentStatementOf(
  context: Record<string, unknown> | undefined,
): ConsentStatement | undefined {
  const consent = context?.consent
  if (typeof consent !== 'object' || consent === null) return undefined
  const prefs = (consent as { categoryPreferences?: unknown }).categoryPreferences
  if (typeof prefs !== 'object' || prefs === null || Array.isArray(prefs)) return undefined
  let statement: ConsentStatement | undefined
  for (const [key, value] of Object.entries(prefs)) {
    const purpose = key.toLowerCase()
    if (typeof value === 'boolean' && (CONSENT_PURPOSES as readonly string[]).includes(purpose)) {
      statement ??= {}
      statement[purpose as ConsentPurpose] = value
    }
  }
  return statement
}

interface Entry {
  granted: boolean
  at: number
}

/**
 * Every person's consent, per workspace, held in memory like the identity graph so that the
 * ingest path decides without a database read. Loaded from the `consents` table at start-up;
 * `record` returns the rows to persist (only changes, so a consent banner that sends its state
 * with every event writes nothing after the first).
 */
export class ConsentRegistry {
  private readonly workspaces = new Map<string, Map<string, Map<ConsentPurpose, Entry>>>()

  private persons(workspaceId: string): Map<string, Map<ConsentPurpose, Entry>> {
    let map = this.workspaces.get(workspaceId)
    if (!map) {
      map = new Map()
      this.workspaces.set(workspaceId, map)
    }
    return map
  }

  /** Loads stored consents (start-up). */
  load(rows: Iterable<ConsentRow>): number {
    let n = 0
    for (const r of rows) {
      this.set(r.workspaceId, r.personId, r.purpose, { granted: r.granted, at: r.updatedAt.getTime() })
      n++
    }
    return n
  }

  private set(workspaceId: string, personId: string, purpose: ConsentPurpose, entry: Entry): void {
    const persons = this.persons(workspaceId)
    let purposes = persons.get(personId)
    if (!purposes) {
      purposes = new Map()
      persons.set(personId, purposes)
    }
    purposes.set(purpose, entry)
  }

  /** The latest statement per purpose across a person's ids (a merged person has several). */
  state(workspaceId: string, personIds: readonly string[]): ConsentStatement {
    const persons = this.workspaces.get(workspaceId)
    const latest = new Map<ConsentPurpose, Entry>()
    if (!persons) return {}
    for (const id of personIds) {
      for (const [purpose, entry] of persons.get(id) ?? []) {
        const seen = latest.get(purpose)
        if (!seen || entry.at >= seen.at) latest.set(purpose, entry)
      }
    }
    return Object.fromEntries([...latest].map(([p, e]) => [p, e.granted])) as ConsentStatement
  }

  /** Records a statement for a person; returns the rows that changed (to persist). */
  record(
    workspaceId: string,
    personIds: readonly string[],
    statement: ConsentStatement,
    source: string,
    at: Date,
  ): ConsentRow[] {
    const personId = personIds[0] as string
    const current = this.state(workspaceId, personIds)
    const changed: ConsentRow[] = []
    for (const purpose of CONSENT_PURPOSES) {
      const granted = statement[purpose]
      if (granted === undefined || current[purpose] === granted) continue
      this.set(workspaceId, personId, purpose, { granted, at: at.getTime() })
      changed.push({ workspaceId, personId, purpose, granted, source, updatedAt: at })
    }
    return changed
  }

  /** Forgets the consents of erased person ids. */
  forget(workspaceId: string, personIds: readonly string[]): void {
    const persons = this.workspaces.get(workspaceId)
    for (const id of personIds) persons?.delete(id)
  }
}
