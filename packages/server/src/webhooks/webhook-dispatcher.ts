import type { SecretBox } from '../auth/secret-box.ts'
import type { Log } from '../runtime.ts'
import { retryDelayMs } from './retry-schedule.ts'
import { webhookBody } from './webhook-payload.ts'
import { signWebhookBody } from './webhook-signature.ts'
import type { AttemptResult, DeliveryRecord, WebhookRecord, WebhookStore } from './webhook-store.ts'

export interface DispatcherOptions {
  store: WebhookStore
  box: SecretBox
  /** The clock: tests pass one to step over the backoff without sleeping. */
  now?: () => Date
  /** Jitter source in [0, 1). */
  random?: () => number
  /** A receiver slower than this counts as failed (and is retried). @default 10_000 */
  timeoutMs?: number
  /** Deliveries taken per claim; they are sent in parallel. @default 20 */
  batch?: number
  log?: Log
}

/** How long a claimed delivery is reserved: well above the timeout, so it is never sent twice at once. */
const LEASE_MS = 120_000
const USER_AGENT = 'Touchstone-Webhooks/1'

/** Error codes of a request sent on a connection the other side had already closed. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

function causeCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  return typeof cause?.code === 'string' ? cause.code : ''
}

/** What one run did. */
export interface DispatchRun {
  attempted: number
  delivered: number
  failed: number
}

/**
 * Sends the outbox: claims due deliveries (`WebhookStore.claimDue`, safe with several server
 * processes), POSTs each signed body, and records the answer — 2xx delivered, anything else
 * (another status, a redirect, a timeout, a refused connection) retried with backoff until the
 * last attempt, then failed. One run at a time per dispatcher.
 */
export class WebhookDispatcher {
  private readonly now: () => Date
  private readonly random: () => number
  private timer: NodeJS.Timeout | undefined
  private running: Promise<DispatchRun> | undefined

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
  }

  /** Delivers what is due at `now` (default the clock), until nothing due is left. */
  runOnce(now?: Date): Promise<DispatchRun> {
    if (!this.running) {
      this.running = this.drain(now).finally(() => (this.running = undefined))
    }
    return this.running
  }

  /** Polls every `intervalMs` in the background. */
  start(intervalMs = 1000): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) =>
        this.options.log?.error({ err: error }, 'webhook dispatch failed'),
      )
    }, intervalMs)
    this.timer.unref()
  }

  /** Stops polling and waits for the run in flight (its attempts are recorded). */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => {})
  }

  private async drain(fixed?: Date): Promise<DispatchRun> {
    const run: DispatchRun = { attempted: 0, delivered: 0, failed: 0 }
    for (;;) {
      const now = fixed ?? this.now()
      const due = await this.options.store.claimDue(now, this.options.batch ?? 20, LEASE_MS)
      if (due.length === 0) return run
      // One read per webhook per claim, not per delivery.
      const hooks = new Map<string, Promise<WebhookRecord | undefined>>()
      const hookOf = (d: DeliveryRecord) => {
        let hook = hooks.get(d.webhookId)
        if (!hook) hooks.set(d.webhookId, (hook = this.options.store.getWebhook(d.workspaceId, d.webhookId)))
        return hook
      }
      const results = await Promise.all(due.map(async (d) => this.attempt(d, await hookOf(d), now)))
      for (const r of results) {
        run.attempted++
        if (r.delivered) run.delivered++
        else if (!r.retryAt) run.failed++
      }
    }
  }

  private async attempt(
    delivery: DeliveryRecord,
    hook: WebhookRecord | undefined,
    now: Date,
  ): Promise<AttemptResult> {
    const { store, box } = this.options
    const started = performance.now()
    let statusCode: number | null = null
    let error: string | null = null
    if (!hook) error = 'the webhook no longer exists'
    else if (!hook.active) error = 'the webhook is paused'
    else {
      try {
        const body = webhookBody(hook.format, delivery.envelope)
        const init: RequestInit = {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': USER_AGENT,
            'touchstone-signature': signWebhookBody(
              box.open(hook.secretSealed),
              body,
              Math.floor(now.getTime() / 1000),
            ),
            'touchstone-event': delivery.event,
            'touchstone-delivery': delivery.id,
          },
          body,
          // A redirect is not a delivery: the signed body must reach the configured URL.
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        }
        const res = await fetch(hook.url, init).catch((error: unknown) => {
          // A pooled keep-alive connection the receiver closed while idle fails at once with a
          // reset; one more try opens a fresh connection (the delivery id lets receivers drop a
          // duplicate if the first request did arrive).
          if (!STALE_CONNECTION.has(causeCode(error))) throw error
          return fetch(hook.url, init)
        })
        statusCode = res.status
        if (res.status < 200 || res.status > 299) {
          const text = (await res.text().catch(() => '')).slice(0, 300)
          error = `HTTP ${res.status}${text ? `: ${text}` : ''}`
        } else await res.body?.cancel().catch(() => {})
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : ''
        error =
          e instanceof Error ? `${e.name === 'TimeoutError' ? 'timed out' : e.message}${cause}` : String(e)
      }
    }
    const attempt = { at: now.toISOString(), statusCode, error, ms: Math.round(performance.now() - started) }
    const delivered = error === null
    // A paused or deleted webhook is not retried: its deliveries end as failed with the reason.
    const wait = delivered || !hook?.active ? null : retryDelayMs(delivery.attemptCount + 1, this.random)
    const result: AttemptResult = {
      attempt,
      delivered,
      retryAt: wait === null ? null : new Date(now.getTime() + wait),
    }
    await store.recordAttempt(delivery.id, result)
    return result
  }
}
