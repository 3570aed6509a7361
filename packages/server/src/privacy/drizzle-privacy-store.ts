import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import {
  caseEvents,
  cases,
  consents,
  dataSubjectRequests,
  surveyInvitations,
  webhookDeliveries,
} from '../stores/meta/schema.ts'
import type { ConsentPurpose, ConsentRow } from './consent-registry.ts'
import type {
  DataSubjectRequest,
  PersonKeys,
  PersonMetaData,
  PrivacyStore,
  RequestKind,
  RequestStatus,
} from './privacy-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toRequest(row: typeof dataSubjectRequests.$inferSelect): DataSubjectRequest {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind as RequestKind,
    personId: row.personId,
    status: row.status as RequestStatus,
    requestedBy: row.requestedBy,
    error: row.error,
    result: (row.result as Record<string, number> | null) ?? null,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  }
}

/** Dates as ISO text, so an archive is plain JSON. */
function plain<T extends Record<string, unknown>>(row: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))
}

/** The privacy store over Drizzle (PGlite and PostgreSQL). */
export class DrizzlePrivacyStore implements PrivacyStore {
  constructor(private readonly db: Db) {}

  async allConsents(): Promise<ConsentRow[]> {
    const rows = await this.db.select().from(consents)
    return rows.map((r) => ({ ...r, purpose: r.purpose as ConsentPurpose }))
  }

  async putConsents(rows: ConsentRow[]): Promise<void> {
    if (rows.length === 0) return
    await this.db
      .insert(consents)
      .values(rows)
      .onConflictDoUpdate({
        target: [consents.workspaceId, consents.personId, consents.purpose],
        set: {
          granted: sql`excluded.granted`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
        // An older statement arriving late never overwrites a newer one.
        setWhere: sql`${consents.updatedAt} <= excluded.updated_at`,
      })
  }

  async createRequest(
    workspaceId: string,
    kind: RequestKind,
    personId: string | null,
    requestedBy: string,
  ): Promise<DataSubjectRequest> {
    const [row] = await this.db
      .insert(dataSubjectRequests)
      .values({ workspaceId, kind, personId, status: 'running', requestedBy })
      .returning()
    return toRequest(row!)
  }

  async finishRequest(
    id: string,
    outcome: { status: 'completed' | 'failed'; result?: Record<string, number>; error?: string },
  ): Promise<DataSubjectRequest | undefined> {
    const [row] = await this.db
      .update(dataSubjectRequests)
      .set({
        status: outcome.status,
        result: outcome.result ?? null,
        error: outcome.error ?? null,
        completedAt: new Date(),
      })
      .where(eq(dataSubjectRequests.id, id))
      .returning()
    return row && toRequest(row)
  }

  async getRequest(workspaceId: string, id: string): Promise<DataSubjectRequest | undefined> {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .select()
      .from(dataSubjectRequests)
      .where(and(eq(dataSubjectRequests.workspaceId, workspaceId), eq(dataSubjectRequests.id, id)))
    return row && toRequest(row)
  }

  async listRequests(workspaceId: string, limit: number): Promise<DataSubjectRequest[]> {
    const rows = await this.db
      .select()
      .from(dataSubjectRequests)
      .where(eq(dataSubjectRequests.workspaceId, workspaceId))
      .orderBy(desc(dataSubjectRequests.createdAt))
      .limit(limit)
    return rows.map(toRequest)
  }

  private invitationFilter(workspaceId: string, keys: PersonKeys): SQL {
    const personKeys = [
      ...keys.userIds.map((v) => `user_id:${v}`),
      ...keys.emails.map((v) => `email:${v}`),
      ...keys.phones.map((v) => `phone:${v}`),
      ...keys.anonymousIds.map((v) => `anonymous_id:${v}`),
    ]
    const ids = keys.responseIds.filter((id) => UUID.test(id))
    const any: SQL[] = [sql`false`]
    if (keys.userIds.length) any.push(inArray(surveyInvitations.userId, keys.userIds))
    if (keys.emails.length) any.push(inArray(surveyInvitations.email, keys.emails))
    if (keys.phones.length) any.push(inArray(surveyInvitations.phone, keys.phones))
    if (keys.anonymousIds.length) any.push(inArray(surveyInvitations.anonymousId, keys.anonymousIds))
    if (personKeys.length) any.push(inArray(surveyInvitations.personKey, personKeys))
    if (ids.length) any.push(inArray(surveyInvitations.id, ids))
    return and(eq(surveyInvitations.workspaceId, workspaceId), or(...any)) as SQL
  }

  private caseFilter(workspaceId: string, keys: PersonKeys): SQL {
    const any: SQL[] = [sql`false`]
    if (keys.personIds.length) any.push(inArray(cases.personId, keys.personIds))
    if (keys.responseIds.length) any.push(inArray(cases.responseId, keys.responseIds))
    return and(eq(cases.workspaceId, workspaceId), or(...any)) as SQL
  }

  async personData(workspaceId: string, keys: PersonKeys): Promise<PersonMetaData> {
    const invitations = await this.db
      .select()
      .from(surveyInvitations)
      .where(this.invitationFilter(workspaceId, keys))
    const caseRows = await this.db.select().from(cases).where(this.caseFilter(workspaceId, keys))
    const events = caseRows.length
      ? await this.db
          .select()
          .from(caseEvents)
          .where(
            and(
              eq(caseEvents.workspaceId, workspaceId),
              inArray(
                caseEvents.caseId,
                caseRows.map((c) => c.id),
              ),
            ),
          )
          .orderBy(caseEvents.seq)
      : []
    const consentRows = keys.personIds.length
      ? await this.db
          .select()
          .from(consents)
          .where(and(eq(consents.workspaceId, workspaceId), inArray(consents.personId, keys.personIds)))
      : []
    return {
      invitations: invitations.map(plain),
      cases: caseRows.map((c) => ({
        ...plain(c),
        events: events.filter((e) => e.caseId === c.id).map(plain),
      })),
      consents: consentRows.map(plain),
    }
  }

  async erasePerson(workspaceId: string, keys: PersonKeys): Promise<Record<string, number>> {
    return this.db.transaction(async (tx) => {
      const caseIds = (
        await tx.select({ id: cases.id }).from(cases).where(this.caseFilter(workspaceId, keys))
      ).map((c) => c.id)
      const deletedEvents = caseIds.length
        ? await tx
            .delete(caseEvents)
            .where(and(eq(caseEvents.workspaceId, workspaceId), inArray(caseEvents.caseId, caseIds)))
            .returning({ id: caseEvents.id })
        : []
      const deletedCases = await tx
        .delete(cases)
        .where(this.caseFilter(workspaceId, keys))
        .returning({ id: cases.id })
      const deletedInvitations = await tx
        .delete(surveyInvitations)
        .where(this.invitationFilter(workspaceId, keys))
        .returning({ id: surveyInvitations.id })
      const deletedConsents = keys.personIds.length
        ? await tx
            .delete(consents)
            .where(and(eq(consents.workspaceId, workspaceId), inArray(consents.personId, keys.personIds)))
            .returning({ p: consents.personId })
        : []
      // Webhook payloads are copies of cases and responses: any that names the person goes too.
      const needles = [
        ...keys.personIds,
        ...keys.responseIds,
        ...keys.userIds,
        ...keys.emails,
        ...keys.phones,
        ...keys.anonymousIds,
      ]
      const deletedDeliveries = needles.length
        ? await tx
            .delete(webhookDeliveries)
            .where(
              and(
                eq(webhookDeliveries.workspaceId, workspaceId),
                or(...needles.map((n) => sql`strpos(${webhookDeliveries.payload}::text, ${n}) > 0`)),
              ),
            )
            .returning({ id: webhookDeliveries.id })
        : []
      return {
        case_events: deletedEvents.length,
        cases: deletedCases.length,
        survey_invitations: deletedInvitations.length,
        consents: deletedConsents.length,
        webhook_deliveries: deletedDeliveries.length,
      }
    })
  }
}
