import { randomUUID } from 'node:crypto'
import type { CaseRecord } from '../cases/case-store.ts'
import type { ResponseRow } from '../surveys/response-store.ts'
import type { WebhookEventType, WebhookStore } from './webhook-store.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A case as webhooks carry it (the API's case fields). */
export function caseEventData(c: CaseRecord): Record<string, unknown> {
  return {
    id: c.id,
    responseId: c.responseId,
    surveyId: c.surveyId,
    personId: c.personId,
    scoreType: c.scoreType,
    score: c.score,
    comment: c.comment,
    touchpoint: c.touchpoint,
    channel: c.channel,
    reason: c.reason,
    status: c.status,
    assignee: c.assignee,
    outcome: c.outcome,
    dueAt: c.dueAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
  }
}

/** A complete response as webhooks carry it. */
export function responseEventData(r: ResponseRow): Record<string, unknown> {
  return {
    id: r.responseId,
    surveyId: r.surveyId,
    surveyVersion: r.surveyVersion,
    personId: r.personId,
    channel: r.channel,
    touchpoint: r.touchpoint || null,
    stage: r.stage || null,
    language: r.language,
    scoreType: r.scoreType || null,
    score: r.score,
    answers: r.answers,
    comment: r.comment || null,
    sentiment: r.sentiment,
    sentimentLabel: r.sentimentLabel || null,
    topics: r.topics,
    createdAt: new Date(r.createdAt).toISOString(),
  }
}

/**
 * Writes the outbox rows of an event (one per subscribed webhook) before anything is sent; the
 * dispatcher delivers them. Called after the change it reports is committed. A failed write is
 * reported to `onError` and does not fail the caller's request, whose change is already stored.
 */
export async function emitWebhookEvent(
  store: WebhookStore,
  workspaceId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  onError?: (error: unknown) => void,
  at = new Date(),
): Promise<number> {
  try {
    return await store.enqueue({ id: randomUUID(), type, createdAt: at.toISOString(), workspaceId, data })
  } catch (error) {
    onError?.(error)
    return 0
  }
}

/** The events a case change raises: always `case.updated`, plus `case.resolved`/`case.closed` on those moves. */
export function caseChangeEvents(before: CaseRecord['status'], after: CaseRecord): WebhookEventType[] {
  const events: WebhookEventType[] = ['case.updated']
  if (after.status !== before && after.status === 'resolved') events.push('case.resolved')
  if (after.status !== before && after.status === 'closed') events.push('case.closed')
  return events
}
