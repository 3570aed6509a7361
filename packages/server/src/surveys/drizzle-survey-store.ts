import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, isNull, lt, max, ne, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { cxSettings, surveyInvitations, surveys, surveyVersions } from '../stores/meta/schema.ts'
import { versionForEdit, type SurveyDefinition, type SurveyStatus } from '@touchstone/core/surveys'
import type {
  InvitationCounts,
  InvitationEvent,
  InvitationRecord,
  NewInvitation,
  SurveyRecord,
  SurveyStore,
} from './survey-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toSurvey(row: typeof surveys.$inferSelect): SurveyRecord {
  return row as SurveyRecord
}

function toInvitation(row: typeof surveyInvitations.$inferSelect): InvitationRecord {
  return row as InvitationRecord
}

/** The survey store over Drizzle: one implementation for PGlite and a PostgreSQL server. */
export class DrizzleSurveyStore implements SurveyStore {
  constructor(private readonly db: Db) {}

  async createSurvey(workspaceId: string, definition: SurveyDefinition, status: SurveyStatus) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(surveys)
        .values({
          workspaceId,
          name: definition.name,
          kind: definition.kind,
          status,
          version: 1,
          wasLive: status !== 'draft',
        })
        .returning()
      await tx.insert(surveyVersions).values({ surveyId: row!.id, version: 1, definition: { ...definition } })
      return toSurvey(row!)
    })
  }

  async getSurvey(workspaceId: string, id: string) {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)))
    return row && toSurvey(row)
  }

  async listSurveys(workspaceId: string) {
    const rows = await this.db
      .select()
      .from(surveys)
      .where(eq(surveys.workspaceId, workspaceId))
      .orderBy(asc(surveys.createdAt), asc(surveys.id))
    return rows.map(toSurvey)
  }

  async getVersion(workspaceId: string, surveyId: string, version: number) {
    if (!UUID.test(surveyId)) return undefined
    const [row] = await this.db
      .select({ definition: surveyVersions.definition })
      .from(surveyVersions)
      .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
      .where(
        and(
          eq(surveys.workspaceId, workspaceId),
          eq(surveyVersions.surveyId, surveyId),
          eq(surveyVersions.version, version),
        ),
      )
    return row?.definition as SurveyDefinition | undefined
  }

  async listVersions(workspaceId: string, surveyId: string) {
    if (!UUID.test(surveyId)) return []
    return this.db
      .select({ version: surveyVersions.version, createdAt: surveyVersions.createdAt })
      .from(surveyVersions)
      .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveyVersions.surveyId, surveyId)))
      .orderBy(asc(surveyVersions.version))
  }

  async updateDefinition(workspaceId: string, id: string, definition: SurveyDefinition) {
    if (!UUID.test(id)) return undefined
    return this.db.transaction(async (tx) => {
      // Row lock: two concurrent edits of a live survey must not both create "version + 1".
      const [current] = await tx
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)))
        .for('update')
      if (!current) return undefined
      const next = versionForEdit({
        status: current.status as SurveyStatus,
        version: current.version,
        wasLive: current.wasLive,
      })
      if (next.created) {
        await tx
          .insert(surveyVersions)
          .values({ surveyId: id, version: next.version, definition: { ...definition } })
      } else {
        await tx
          .update(surveyVersions)
          .set({ definition: { ...definition }, createdAt: new Date() })
          .where(and(eq(surveyVersions.surveyId, id), eq(surveyVersions.version, next.version)))
      }
      const [row] = await tx
        .update(surveys)
        .set({ name: definition.name, kind: definition.kind, version: next.version, updatedAt: new Date() })
        .where(eq(surveys.id, id))
        .returning()
      return toSurvey(row!)
    })
  }

  async setStatus(workspaceId: string, id: string, status: SurveyStatus) {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .update(surveys)
      .set({
        status,
        updatedAt: new Date(),
        ...(status === 'live' ? { wasLive: true } : {}),
      })
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)))
      .returning()
    return row && toSurvey(row)
  }

  async createInvitations(rows: NewInvitation[]) {
    const out: Array<InvitationRecord | undefined> = []
    // Chunks keep each statement well under PostgreSQL's 65,535 bound parameters. Ids are made
    // here so the rows a conflict skipped (same person and trigger) can be told apart.
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows
        .slice(i, i + 1000)
        .map((r) => ({ ...r, id: r.id ?? randomUUID(), status: r.status ?? 'created' }))
      const inserted = await this.db.insert(surveyInvitations).values(chunk).onConflictDoNothing().returning()
      const byId = new Map(inserted.map((r) => [r.id, r]))
      for (const r of chunk) {
        const row = byId.get(r.id)
        out.push(row && toInvitation(row))
      }
    }
    return out
  }

  async importInvitations(rows: Array<NewInvitation & { id: string }>) {
    let imported = 0
    // 1,000 rows per statement: PGlite fails on statements with ~34,000 parameters (measured).
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({ ...r, status: r.status ?? 'created' }))
      const inserted = await this.db
        .insert(surveyInvitations)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ id: surveyInvitations.id })
      imported += inserted.length
    }
    return imported
  }

  async getInvitation(id: string) {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id))
    return row && toInvitation(row)
  }

  async listInvitations(
    workspaceId: string,
    filter: { surveyId?: string; status?: string; limit: number; offset: number },
  ) {
    if (filter.surveyId !== undefined && !UUID.test(filter.surveyId)) return []
    const rows = await this.db
      .select()
      .from(surveyInvitations)
      .where(
        and(
          eq(surveyInvitations.workspaceId, workspaceId),
          filter.surveyId ? eq(surveyInvitations.surveyId, filter.surveyId) : undefined,
          filter.status ? eq(surveyInvitations.status, filter.status) : undefined,
        ),
      )
      .orderBy(desc(surveyInvitations.createdAt), desc(surveyInvitations.id))
      .limit(filter.limit)
      .offset(filter.offset)
    return rows.map(toInvitation)
  }

  async invitationsByTrigger(workspaceId: string, triggers: string[]) {
    const out: InvitationRecord[] = []
    for (let i = 0; i < triggers.length; i += 1000) {
      const rows = await this.db
        .select()
        .from(surveyInvitations)
        .where(
          and(
            eq(surveyInvitations.workspaceId, workspaceId),
            inArray(surveyInvitations.trigger, triggers.slice(i, i + 1000)),
          ),
        )
        .orderBy(asc(surveyInvitations.createdAt))
      out.push(...rows.map(toInvitation))
    }
    return out
  }

  async lastInvitedAt(workspaceId: string, personKeys: string[]) {
    const out = new Map<string, Date>()
    for (let i = 0; i < personKeys.length; i += 1000) {
      const rows = await this.db
        .select({ key: surveyInvitations.personKey, at: max(surveyInvitations.createdAt) })
        .from(surveyInvitations)
        .where(
          and(
            eq(surveyInvitations.workspaceId, workspaceId),
            inArray(surveyInvitations.personKey, personKeys.slice(i, i + 1000)),
          ),
        )
        .groupBy(surveyInvitations.personKey)
      for (const r of rows) if (r.key && r.at) out.set(r.key, r.at)
    }
    return out
  }

  async markInvitation(id: string, event: InvitationEvent, at: Date, error?: string) {
    if (!UUID.test(id)) return
    const notAnswered = ne(surveyInvitations.status, 'answered')
    const where = and(eq(surveyInvitations.id, id), notAnswered)
    if (event === 'sent') {
      await this.db
        .update(surveyInvitations)
        .set({
          status: sql`CASE WHEN ${surveyInvitations.status} IN ('created', 'failed') THEN 'sent' ELSE ${surveyInvitations.status} END`,
          sentAt: at,
          error: null,
        })
        .where(where)
    } else if (event === 'opened') {
      await this.db
        .update(surveyInvitations)
        .set({ status: 'opened', openedAt: sql`COALESCE(${surveyInvitations.openedAt}, ${at})` })
        .where(where)
    } else if (event === 'failed') {
      await this.db
        .update(surveyInvitations)
        .set({ status: 'failed', error: error ?? 'delivery failed' })
        .where(and(where, isNull(surveyInvitations.openedAt)))
    } else {
      await this.db.update(surveyInvitations).set({ reminderSentAt: at }).where(where)
    }
  }

  async startResponse(id: string, at: Date) {
    const [row] = await this.db
      .update(surveyInvitations)
      .set({ startedAt: sql`COALESCE(${surveyInvitations.startedAt}, ${at})` })
      .where(eq(surveyInvitations.id, id))
      .returning({ startedAt: surveyInvitations.startedAt })
    return row?.startedAt ?? at
  }

  async completeResponse(id: string, at: Date) {
    const rows = await this.db
      .update(surveyInvitations)
      .set({ status: 'answered', answeredAt: at })
      .where(and(eq(surveyInvitations.id, id), ne(surveyInvitations.status, 'answered')))
      .returning({ id: surveyInvitations.id })
    return rows.length === 1
  }

  async invitationCounts(workspaceId: string, from: Date, to: Date): Promise<InvitationCounts[]> {
    const i = surveyInvitations
    const rows = await this.db
      .select({
        surveyId: i.surveyId,
        channel: i.channel,
        created: sql<number>`count(*)::int`,
        sent: sql<number>`count(${i.sentAt})::int`,
        opened: sql<number>`count(${i.openedAt})::int`,
        answered: sql<number>`count(${i.answeredAt})::int`,
        failed: sql<number>`count(*) FILTER (WHERE ${i.status} = 'failed')::int`,
      })
      .from(i)
      .where(and(eq(i.workspaceId, workspaceId), gte(i.createdAt, from), lt(i.createdAt, to)))
      .groupBy(i.surveyId, i.channel)
      .orderBy(i.surveyId, i.channel)
    return rows.map((r) => ({ ...r, surveyId: r.surveyId, channel: r.channel }))
  }

  async getSettings(workspaceId: string) {
    const [row] = await this.db.select().from(cxSettings).where(eq(cxSettings.workspaceId, workspaceId))
    return row?.settings ?? {}
  }

  async putSettings(workspaceId: string, settings: Record<string, unknown>) {
    await this.db
      .insert(cxSettings)
      .values({ workspaceId, settings })
      .onConflictDoUpdate({ target: cxSettings.workspaceId, set: { settings, updatedAt: new Date() } })
  }
}
