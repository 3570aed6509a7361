/** Event types a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'case.opened',
  'case.updated',
  'case.resolved',
  'case.closed',
  'response.created',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]
/** `ping` is sent by the test action only; nobody subscribes to it. */
export type DeliveryEventType = WebhookEventType | 'ping'

/** How the body is shaped: Touchstone's JSON envelope, or a Slack incoming-webhook message. */
export const WEBHOOK_FORMATS = ['json', 'slack'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]

/** An outgoing webhook. `secretSealed` is the signing secret sealed by the secret box. */
export interface WebhookRecord {
  id: string
  workspaceId: string
  name: string
  url: string
  events: WebhookEventType[]
  format: WebhookFormat
  secretSealed: string
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export type NewWebhook = Pick<
  WebhookRecord,
  'workspaceId' | 'name' | 'url' | 'events' | 'format' | 'secretSealed' | 'active'
>

/** A change to a webhook; absent fields stay as they are. */
export type WebhookChange = Partial<
  Pick<WebhookRecord, 'name' | 'url' | 'events' | 'format' | 'secretSealed' | 'active'>
>

/** The envelope every delivery carries (the `json` body; `slack` bodies are made from it). */
export interface WebhookEnvelope {
  /** The event's id: the same for every webhook that receives it. */
  id: string
  type: DeliveryEventType
  createdAt: string
  workspaceId: string
  data: Record<string, unknown>
}

/** One attempt to deliver: what the receiver answered, or why there was no answer. */
export interface DeliveryAttempt {
  at: string
  statusCode: number | null
  error: string | null
  ms: number
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One event for one webhook (the outbox row), with its attempts. */
export interface DeliveryRecord {
  id: string
  workspaceId: string
  webhookId: string
  event: DeliveryEventType
  envelope: WebhookEnvelope
  attempts: DeliveryAttempt[]
  status: DeliveryStatus
  attemptCount: number
  nextAttemptAt: Date
  lastStatusCode: number | null
  lastError: string | null
  createdAt: Date
  deliveredAt: Date | null
}

/** The result of one attempt: `retryAt` null with `delivered` false gives up (status failed). */
export interface AttemptResult {
  attempt: DeliveryAttempt
  delivered: boolean
  retryAt: Date | null
}

/**
 * Webhooks and their outbox of deliveries (PostgreSQL). Every method a route calls filters by
 * workspace; `claimDue` and `recordAttempt` serve the dispatcher across workspaces.
 */
export interface WebhookStore {
  createWebhook(webhook: NewWebhook): Promise<WebhookRecord>
  getWebhook(workspaceId: string, id: string): Promise<WebhookRecord | undefined>
  listWebhooks(workspaceId: string): Promise<WebhookRecord[]>
  updateWebhook(workspaceId: string, id: string, change: WebhookChange): Promise<WebhookRecord | undefined>
  /** Deletes the webhook and its deliveries; false when it is not in this workspace. */
  deleteWebhook(workspaceId: string, id: string): Promise<boolean>
  /** Writes one pending delivery per active webhook of the workspace subscribed to the event. */
  enqueue(envelope: WebhookEnvelope & { type: WebhookEventType }): Promise<number>
  /** Writes one pending delivery for one webhook (test ping, redelivery), whatever it subscribes to. */
  enqueueFor(
    workspaceId: string,
    webhookId: string,
    envelope: WebhookEnvelope,
  ): Promise<DeliveryRecord | undefined>
  listDeliveries(
    workspaceId: string,
    webhookId: string,
    filter: { status?: DeliveryStatus; limit: number; offset: number },
  ): Promise<{ items: DeliveryRecord[]; total: number }>
  getDelivery(workspaceId: string, webhookId: string, id: string): Promise<DeliveryRecord | undefined>
  /**
   * Takes up to `limit` pending deliveries due at `now` and pushes their next attempt to
   * `now + leaseMs`, in one statement that skips rows another process is claiming: two
   * dispatchers never send the same delivery at once, and a crashed one's rows come back after
   * the lease.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<DeliveryRecord[]>
  /** Records an attempt: delivered, retried at `retryAt`, or failed for good. */
  recordAttempt(id: string, result: AttemptResult): Promise<void>
}
