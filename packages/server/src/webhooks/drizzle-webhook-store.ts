import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { webhookDeliveries, webhooks } from '../stores/meta/schema.ts'
import type {
  AttemptResult,
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryStatus,
  NewWebhook,
  WebhookChange,
  WebhookEnvelope,
  WebhookEventType,
  WebhookFormat,
  WebhookRecord,
  WebhookStore,
} from './webhook-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The payload column holds the envelope and the attempt log (one jsonb, no extra column). */
interface StoredPayload {
  envelope: WebhookEnvelope
  attempts: DeliveryAttempt[]
}

function toWebhook(row: typeof webhooks.$inferSelect): WebhookRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    url: row.url,
    events: row.events as WebhookEventType[],
    format: row.format as WebhookFormat,
    secretSealed: row.secretEncrypted,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function toDelivery(row: typeof webhookDeliveries.$inferSelect): DeliveryRecord {
  const payload = row.payload as unknown as StoredPayload
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    webhookId: row.webhookId,
    event: row.event as DeliveryRecord['event'],
    envelope: payload.envelope,
    attempts: payload.attempts ?? [],
    status: row.status as DeliveryStatus,
    attemptCount: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
  }
}

function deliveryRow(workspaceId: string, webhookId: string, envelope: WebhookEnvelope) {
  const at = new Date(envelope.createdAt)
  const payload: StoredPayload = { envelope, attempts: [] }
  return {
    workspaceId,
    webhookId,
    event: envelope.type,
    payload: payload as unknown as Record<string, unknown>,
    status: 'pending',
    nextAttemptAt: at,
    createdAt: at,
  }
}

/** The webhook store over Drizzle: one implementation for PGlite and a PostgreSQL server. */
export class DrizzleWebhookStore implements WebhookStore {
  constructor(private readonly db: Db) {}

  async createWebhook(w: NewWebhook) {
    const [row] = await this.db
      .insert(webhooks)
      .values({
        workspaceId: w.workspaceId,
        name: w.name,
        url: w.url,
        events: w.events,
        format: w.format,
        secretEncrypted: w.secretSealed,
        active: w.active,
      })
      .returning()
    return toWebhook(row!)
  }

  async getWebhook(workspaceId: string, id: string) {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)))
    return row && toWebhook(row)
  }

  async listWebhooks(workspaceId: string) {
    const rows = await this.db
      .select()
      .from(webhooks)
      .where(eq(webhooks.workspaceId, workspaceId))
      .orderBy(asc(webhooks.createdAt), asc(webhooks.id))
    return rows.map(toWebhook)
  }

  async updateWebhook(workspaceId: string, id: string, change: WebhookChange) {
    if (!UUID.test(id)) return undefined
    const { secretSealed, ...rest } = change
    const [row] = await this.db
      .update(webhooks)
      .set({
        ...rest,
        ...(secretSealed !== undefined ? { secretEncrypted: secretSealed } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)))
      .returning()
    return row && toWebhook(row)
  }

  async deleteWebhook(workspaceId: string, id: string) {
    if (!UUID.test(id)) return false
    const rows = await this.db
      .delete(webhooks)
      .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)))
      .returning({ id: webhooks.id })
    return rows.length === 1
  }

  async enqueue(envelope: WebhookEnvelope & { type: WebhookEventType }) {
    const w = webhooks
    const payload: StoredPayload = { envelope, attempts: [] }
    const at = new Date(envelope.createdAt)
    // One INSERT … SELECT: the request that raised the event pays one round trip, however many
    // webhooks subscribe.
    const result = await this.db.execute(sql`
      INSERT INTO webhook_deliveries (workspace_id, webhook_id, event, payload, status, next_attempt_at, created_at)
      SELECT ${w.workspaceId}, ${w.id}, ${envelope.type}, ${JSON.stringify(payload)}::jsonb, 'pending', ${at}, ${at}
      FROM ${w}
      WHERE ${w.workspaceId} = ${envelope.workspaceId} AND ${w.active}
        AND ${w.events} @> ${JSON.stringify([envelope.type])}::jsonb
      RETURNING id`)
    return (result as unknown as { rows: unknown[] }).rows.length
  }

  async enqueueFor(workspaceId: string, webhookId: string, envelope: WebhookEnvelope) {
    if (!(await this.getWebhook(workspaceId, webhookId))) return undefined
    const [row] = await this.db
      .insert(webhookDeliveries)
      .values(deliveryRow(workspaceId, webhookId, envelope))
      .returning()
    return toDelivery(row!)
  }

  async listDeliveries(
    workspaceId: string,
    webhookId: string,
    filter: { status?: DeliveryStatus; limit: number; offset: number },
  ) {
    if (!UUID.test(webhookId)) return { items: [], total: 0 }
    const where = and(
      eq(webhookDeliveries.workspaceId, workspaceId),
      eq(webhookDeliveries.webhookId, webhookId),
      filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(webhookDeliveries)
        .where(where)
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(webhookDeliveries).where(where),
    ])
    return { items: rows.map(toDelivery), total: total?.n ?? 0 }
  }

  async getDelivery(workspaceId: string, webhookId: string, id: string) {
    if (!UUID.test(webhookId) || !UUID.test(id)) return undefined
    const [row] = await this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.workspaceId, workspaceId),
          eq(webhookDeliveries.webhookId, webhookId),
          eq(webhookDeliveries.id, id),
        ),
      )
    return row && toDelivery(row)
  }

  async claimDue(now: Date, limit: number, leaseMs: number) {
    const d = webhookDeliveries
    const due = and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now))
    const ids = this.db
      .select({ id: d.id })
      .from(d)
      .where(due)
      .orderBy(asc(d.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true })
    // The outer condition repeats `due`: a row claimed by another process in the meantime no
    // longer matches when this statement gets its lock.
    const rows = await this.db
      .update(d)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(and(inArray(d.id, ids), due))
      .returning()
    return rows.map(toDelivery).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  }

  async recordAttempt(id: string, result: AttemptResult) {
    const d = webhookDeliveries
    const at = new Date(result.attempt.at)
    await this.db
      .update(d)
      .set({
        attempts: sql`${d.attempts} + 1`,
        payload: sql`jsonb_set(${d.payload}, '{attempts}', COALESCE(${d.payload} -> 'attempts', '[]'::jsonb) || ${JSON.stringify([result.attempt])}::jsonb)`,
        lastStatusCode: result.attempt.statusCode,
        lastError: result.attempt.error,
        status: result.delivered ? 'delivered' : result.retryAt ? 'pending' : 'failed',
        ...(result.delivered ? { deliveredAt: at } : {}),
        ...(result.retryAt ? { nextAttemptAt: result.retryAt } : {}),
      })
      .where(eq(d.id, id))
  }
}
