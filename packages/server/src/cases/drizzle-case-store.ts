import { and, asc, count, desc, eq, gte, inArray, lt, lte, notInArray } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { caseEvents, cases } from '../stores/meta/schema.ts'
import type {
  CaseChange,
  CaseEventRecord,
  CaseFilter,
  CaseRecord,
  CaseStore,
  ImportedCase,
  NewCase,
} from './case-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toCase(row: typeof cases.$inferSelect): CaseRecord {
  return row as CaseRecord
}

function toEvent(row: typeof caseEvents.$inferSelect): CaseEventRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind as CaseEventRecord['kind'],
    fromValue: row.fromValue,
    toValue: row.toValue,
    note: row.note,
    actor: row.actor,
    at: row.at,
  }
}

/** The case store over Drizzle: one implementation for PGlite and a PostgreSQL server. */
export class DrizzleCaseStore implements CaseStore {
  constructor(private readonly db: Db) {}

  async openCase(c: NewCase, actor: string) {
    return this.db.transaction(async (tx) => {
      const at = c.createdAt ?? new Date()
      const [row] = await tx
        .insert(cases)
        .values({ ...c, status: c.status ?? 'new', createdAt: at, updatedAt: at })
        .onConflictDoNothing()
        .returning()
      if (!row) return undefined
      const trail: Array<typeof caseEvents.$inferInsert> = [
        { caseId: row.id, workspaceId: row.workspaceId, kind: 'created', toValue: row.reason, actor, at },
      ]
      if (row.assignee)
        trail.push({
          caseId: row.id,
          workspaceId: row.workspaceId,
          kind: 'assigned',
          toValue: row.assignee,
          actor,
          at,
        })
      await tx.insert(caseEvents).values(trail)
      return toCase(row)
    })
  }

  async getCase(workspaceId: string, id: string) {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .select()
      .from(cases)
      .where(and(eq(cases.workspaceId, workspaceId), eq(cases.id, id)))
    return row && toCase(row)
  }

  async listCases(workspaceId: string, filter: CaseFilter) {
    if (filter.surveyId !== undefined && !UUID.test(filter.surveyId)) return { items: [], total: 0 }
    if (filter.personIds && filter.personIds.length === 0) return { items: [], total: 0 }
    const where = and(
      eq(cases.workspaceId, workspaceId),
      filter.status?.length ? inArray(cases.status, filter.status) : undefined,
      filter.assignee !== undefined ? eq(cases.assignee, filter.assignee) : undefined,
      filter.surveyId !== undefined ? eq(cases.surveyId, filter.surveyId) : undefined,
      filter.touchpoint !== undefined ? eq(cases.touchpoint, filter.touchpoint) : undefined,
      filter.personIds ? inArray(cases.personId, filter.personIds) : undefined,
      filter.overdueAt
        ? and(lt(cases.dueAt, filter.overdueAt), notInArray(cases.status, ['resolved', 'closed']))
        : undefined,
      filter.resolvedFrom ? gte(cases.resolvedAt, filter.resolvedFrom) : undefined,
      filter.resolvedTo ? lt(cases.resolvedAt, filter.resolvedTo) : undefined,
      filter.scoreType !== undefined ? eq(cases.scoreType, filter.scoreType) : undefined,
      filter.maxScore !== undefined ? lte(cases.score, filter.maxScore) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(cases)
        .where(where)
        .orderBy(filter.overdueAt ? asc(cases.dueAt) : desc(cases.createdAt), asc(cases.id))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(cases).where(where),
    ])
    return { items: rows.map(toCase), total: total?.n ?? 0 }
  }

  async updateCase(
    workspaceId: string,
    id: string,
    change: CaseChange,
    actor: string,
    check: (current: CaseRecord, change: CaseChange) => string | undefined,
  ) {
    if (!UUID.test(id)) return undefined
    return this.db.transaction(async (tx: Tx) => {
      // Row lock: two agents moving the same case must see each other's change.
      const [row] = await tx
        .select()
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), eq(cases.id, id)))
        .for('update')
      if (!row) return undefined
      const current = toCase(row)
      const refused = check(current, change)
      if (refused) return { refused }
      const at = new Date()
      const trail: Array<typeof caseEvents.$inferInsert> = []
      const set: Partial<typeof cases.$inferInsert> = { updatedAt: at }
      const audit = (kind: CaseEventRecord['kind'], from: string | null, to: string | null) =>
        trail.push({ caseId: id, workspaceId, kind, fromValue: from, toValue: to, actor, at })
      if (change.outcome !== undefined && change.outcome !== current.outcome) {
        set.outcome = change.outcome
        audit('outcome', current.outcome, change.outcome)
      }
      if (change.assignee !== undefined && change.assignee !== current.assignee) {
        set.assignee = change.assignee
        audit('assigned', current.assignee, change.assignee)
      }
      if (change.dueAt !== undefined && change.dueAt.getTime() !== current.dueAt.getTime()) {
        set.dueAt = change.dueAt
        audit('due', current.dueAt.toISOString(), change.dueAt.toISOString())
      }
      if (change.status !== undefined && change.status !== current.status) {
        set.status = change.status
        if (change.status === 'resolved') set.resolvedAt = at
        if (change.status === 'closed') set.closedAt = at
        if (change.status === 'in_progress') set.resolvedAt = null
        audit('status', current.status, change.status)
      }
      if (trail.length === 0) return { case: current }
      const [updated] = await tx.update(cases).set(set).where(eq(cases.id, id)).returning()
      await tx.insert(caseEvents).values(trail)
      return { case: toCase(updated!) }
    })
  }

  async addNote(workspaceId: string, id: string, note: string, actor: string) {
    const found = await this.getCase(workspaceId, id)
    if (!found) return undefined
    const [row] = await this.db
      .insert(caseEvents)
      .values({ caseId: id, workspaceId, kind: 'note', note, actor })
      .returning()
    return toEvent(row!)
  }

  async caseEvents(workspaceId: string, id: string) {
    if (!UUID.test(id)) return []
    const rows = await this.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.workspaceId, workspaceId), eq(caseEvents.caseId, id)))
      .orderBy(asc(caseEvents.seq))
    return rows.map(toEvent)
  }

  async importCases(items: ImportedCase[]) {
    let imported = 0
    // 500 cases per statement stays far below PostgreSQL's 65,535 bound parameters.
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500)
      await this.db.transaction(async (tx) => {
        const rows = await tx
          .insert(cases)
          .values(chunk.map((c) => ({ ...c.case, status: c.case.status ?? 'new' })))
          .onConflictDoNothing()
          .returning({ id: cases.id, responseId: cases.responseId, workspaceId: cases.workspaceId })
        const byResponse = new Map(rows.map((r) => [r.responseId, r]))
        const trail = chunk.flatMap((c) => {
          const row = byResponse.get(c.case.responseId)
          return row ? c.trail.map((e) => ({ ...e, caseId: row.id, workspaceId: row.workspaceId })) : []
        })
        for (let j = 0; j < trail.length; j += 2000)
          await tx.insert(caseEvents).values(trail.slice(j, j + 2000))
        imported += rows.length
      })
    }
    return imported
  }

  async countCases(workspaceId: string) {
    const [row] = await this.db.select({ n: count() }).from(cases).where(eq(cases.workspaceId, workspaceId))
    return row?.n ?? 0
  }
}
