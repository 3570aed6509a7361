import { identifierKey, type Identifier } from './identifier.ts'

/** A change to the identity graph that the store must persist. */
export type IdentityChange =
  { type: 'link'; identifier: Identifier; personId: string } | { type: 'merge'; from: string; into: string }

/** What resolving one message produced: the person it belongs to and what changed. */
export interface Resolution {
  personId: string
  changes: IdentityChange[]
  /** Identifiers that belong to another identified person and were therefore not merged. */
  conflicts: Identifier[]
}

/**
 * One workspace's identity graph: which identifiers belong to which person, and which persons
 * were merged into which. Pure and synchronous, so that concurrent requests — serialised by the
 * event loop — can never split or duplicate a person.
 *
 * Rules (Segment/PostHog semantics, with the guard rails peers lacked):
 * - unknown identifiers are linked to the message's person;
 * - a person without a user id (anonymous) is merged into the person the message resolves to;
 * - two persons that both carry a user id are never merged as a side effect: that needs `merge()`.
 */
export class IdentityGraph {
  private readonly owner = new Map<string, string>()
  private readonly parent = new Map<string, string>()
  private readonly members = new Map<string, string[]>()
  private readonly identified = new Set<string>()

  constructor(private readonly newPersonId: () => string) {}

  /** Number of identifiers known. */
  get size(): number {
    return this.owner.size
  }

  /** Loads a persisted link (start-up); does not report changes. */
  loadLink(identifier: Identifier, personId: string): void {
    const key = identifierKey(identifier)
    if (!this.owner.has(key)) this.owner.set(key, personId)
    if (identifier.kind === 'user_id') this.identified.add(personId)
  }

  /** Loads a persisted merge (start-up): `from` now resolves to `into`. */
  loadMerge(from: string, into: string): void {
    if (from === into) return
    this.parent.set(from, into)
  }

  /** Completes loading: folds `identified` and member lists onto canonical persons. */
  finishLoading(): void {
    for (const id of [...this.identified]) this.identified.add(this.canonical(id))
    for (const from of this.parent.keys()) {
      const root = this.canonical(from)
      const list = this.members.get(root) ?? [root]
      list.push(from)
      this.members.set(root, list)
    }
  }

  /** The person an id was merged into, or the id itself. */
  canonical(personId: string): string {
    let current = personId
    for (let hops = 0; hops < 64; hops++) {
      const next = this.parent.get(current)
      if (next === undefined) return current
      current = next
    }
    return current
  }

  /** All person ids that resolve to `personId` (itself and those merged into it). */
  mergedIds(personId: string): string[] {
    const root = this.canonical(personId)
    return this.members.get(root) ?? [root]
  }

  /** The canonical person of an identifier, if known. */
  lookup(identifier: Identifier): string | undefined {
    const owner = this.owner.get(identifierKey(identifier))
    return owner === undefined ? undefined : this.canonical(owner)
  }

  /** True when the person (or one merged into it) carries a user id. */
  isIdentified(personId: string): boolean {
    return this.identified.has(this.canonical(personId))
  }

  /**
   * Resolves the identifiers of one message (strongest first: user id, email, phone, anonymous id)
   * to a person, linking new identifiers and merging anonymous persons. An alias (`options.alias`)
   * links a new user id to the person of its previous id even when that person is identified.
   */
  resolve(identifiers: readonly Identifier[], options: { alias?: boolean } = {}): Resolution {
    if (identifiers.length === 0) throw new Error('resolve needs at least one identifier')
    const changes: IdentityChange[] = []
    const conflicts: Identifier[] = []
    // The message's person: its user id's person; else the first known identifier's — unless
    // the message brings a new user id and that person is already someone else (Bob logging in
    // on Alice's tablet must not become Alice).
    const userId = identifiers.find((id) => id.kind === 'user_id')
    let found: string | undefined
    for (const id of identifiers) {
      const known = this.lookup(id)
      if (known === undefined) continue
      if (!options.alias && userId !== undefined && id !== userId && this.isIdentified(known)) continue
      found = known
      break
    }
    let target: string = found ?? this.newPersonId()

    for (const id of identifiers) {
      const current = this.lookup(id)
      if (current === undefined) {
        this.link(id, target, changes)
      } else if (current !== target) {
        if (this.isIdentified(current) && this.isIdentified(target)) {
          conflicts.push(id)
          continue
        }
        // The identified person survives; between two anonymous ones the message's person does.
        const [from, into]: [string, string] = this.isIdentified(current)
          ? [target, current]
          : [current, target]
        this.mergeInto(from, into, changes)
        target = into
      }
      if (id.kind === 'user_id') this.identified.add(target)
    }
    return { personId: target, changes, conflicts }
  }

  /** Explicitly merges person `from` into person `into` (both may be identified). */
  merge(from: string, into: string): IdentityChange[] {
    const changes: IdentityChange[] = []
    const a = this.canonical(from)
    const b = this.canonical(into)
    if (a !== b) this.mergeInto(a, b, changes)
    return changes
  }

  /**
   * Forgets a person (an erasure request): every identifier linked to `personId` or to an id
   * merged into it, and the merges themselves. New messages with those identifiers then start
   * a fresh person. Returns the person ids forgotten. Costs one pass over the identifiers.
   */
  forget(personId: string): string[] {
    const ids = this.mergedIds(personId)
    const gone = new Set(ids)
    for (const [key, owner] of this.owner) if (gone.has(owner)) this.owner.delete(key)
    for (const id of ids) {
      this.parent.delete(id)
      this.members.delete(id)
      this.identified.delete(id)
    }
    return ids
  }

  private link(id: Identifier, personId: string, changes: IdentityChange[]): void {
    this.owner.set(identifierKey(id), personId)
    changes.push({ type: 'link', identifier: id, personId })
  }

  private mergeInto(from: string, into: string, changes: IdentityChange[]): void {
    const moved = this.mergedIds(from)
    const list = this.mergedIds(into).slice()
    // Every id of the merged person points straight at the survivor, so queries join one level.
    for (const id of moved) {
      this.parent.set(id, into)
      list.push(id)
      changes.push({ type: 'merge', from: id, into })
    }
    this.members.delete(from)
    this.members.set(into, list)
    if (this.identified.delete(from)) this.identified.add(into)
  }
}
