import { randomUUID } from 'node:crypto'
import {
  IdentityGraph,
  IDENTIFIER_KINDS,
  type IdentifierKind,
  type IdentityChange,
  type Identifier,
} from '@touchstone/core'
import type { IdentityRow, MergeRow } from '../stores/events/event-row.ts'
import type { EventStore } from '../stores/events/event-store.ts'

/** Rows to persist for a set of identity changes. */
export interface IdentityRows {
  identities: IdentityRow[]
  merges: MergeRow[]
}

/**
 * The identity graphs of all workspaces, held in memory so resolution costs no I/O on the
 * ingest path (PGlite/ClickHouse round trips per event would cap ingestion far below the
 * target); changes are persisted with the events they belong to, in the same group commit.
 * One process owns a workspace's graph: run one ingesting process per data set (see docs).
 */
export class IdentityRegistry {
  private readonly graphs = new Map<string, IdentityGraph>()
  private version = 0

  /** The graph of a workspace (created empty on first use). */
  graph(workspaceId: string): IdentityGraph {
    let g = this.graphs.get(workspaceId)
    if (!g) {
      g = new IdentityGraph(randomUUID)
      this.graphs.set(workspaceId, g)
    }
    return g
  }

  /** Loads every workspace's graph from the store. */
  async load(store: EventStore): Promise<number> {
    let links = 0
    await store.loadIdentityGraph(
      (l) => {
        if ((IDENTIFIER_KINDS as readonly string[]).includes(l.kind)) {
          this.graph(l.workspaceId).loadLink({ kind: l.kind as IdentifierKind, value: l.value }, l.personId)
          links++
        }
      },
      (m) => this.graph(m.workspaceId).loadMerge(m.oldPersonId, m.newPersonId),
    )
    for (const g of this.graphs.values()) g.finishLoading()
    return links
  }

  /** True when `value` is a known user id in the workspace. */
  isKnownUserId(workspaceId: string, value: string): boolean {
    return this.graph(workspaceId).lookup({ kind: 'user_id', value }) !== undefined
  }

  /** Converts graph changes to store rows; merge versions grow monotonically so the newest wins. */
  toRows(workspaceId: string, changes: IdentityChange[], now: number, into: IdentityRows): void {
    for (const change of changes) {
      if (change.type === 'link') {
        into.identities.push({
          workspaceId,
          kind: change.identifier.kind,
          value: change.identifier.value,
          personId: change.personId,
          createdAt: now,
        })
      } else {
        this.version = Math.max(this.version + 1, now * 1000)
        into.merges.push({
          workspaceId,
          oldPersonId: change.from,
          newPersonId: change.into,
          version: this.version,
          createdAt: now,
        })
      }
    }
  }

  /** Resolves identifiers to a person, collecting the rows to persist. */
  resolve(
    workspaceId: string,
    identifiers: Identifier[],
    now: number,
    into: IdentityRows,
    options: { alias?: boolean } = {},
  ): string {
    const resolution = this.graph(workspaceId).resolve(identifiers, options)
    this.toRows(workspaceId, resolution.changes, now, into)
    return resolution.personId
  }
}
