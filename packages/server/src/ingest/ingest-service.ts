import { randomUUID } from 'node:crypto'
import { TouchstoneError } from '../errors.ts'
import type { IdentityRegistry, IdentityRows } from '../identity/identity-registry.ts'
import type { EventRow } from '../stores/events/event-row.ts'
import type { DedupWindow } from './dedup-window.ts'
import type { GroupCommitter } from './group-commit.ts'
import { LIMITS, messageSchemaError, type MessageType, type SegmentMessage } from './segment-message.ts'
import { toEventRow, validateMessage, type RowContext } from './to-event-row.ts'
import { parseTime } from '@touchstone/core'
import type { ConsentRow } from '../privacy/consent-registry.ts'
import { anonymiseRow, applyIpRule, type IngestPrivacy } from '../privacy/ingest-privacy.ts'

/** One message that was refused, and why. */
export interface RejectedMessage {
  index: number
  messageId?: string
  code: string
  message: string
}

/** What happened to the messages of one request. */
export interface IngestReport {
  /** Messages now stored (or already stored: a retried messageId counts as accepted). */
  accepted: number
  /** Of the accepted, how many were retries of a stored messageId. */
  duplicates: number
  rejected: RejectedMessage[]
}

/** Where a set of messages comes from. */
export interface IngestRequest {
  workspaceId: string
  messages: unknown[]
  /** Set by the single-message endpoints (`/v1/track` …); batch messages carry their own. */
  type?: MessageType
  batchSentAt?: unknown
  batchContext?: Record<string, unknown>
  source?: string
  /** Offline imports: an e-mail or phone in `context.traits` identifies the person without a user id. */
  emailOrPhoneSuffices?: boolean
  /** Skip the per-message 32 KB check and the de-duplication window (internal sources with unique ids: the demo seeder). */
  trusted?: boolean
}

/**
 * The ingest pipeline: validate → de-duplicate → resolve identity → build rows → group commit.
 * Resolves when every accepted message is durable.
 */
export class IngestService {
  constructor(
    private readonly identities: IdentityRegistry,
    private readonly dedup: DedupWindow,
    private readonly committer: GroupCommitter,
    private readonly now: () => number = Date.now,
    /** Consent and IP rules (privacy/); without it everything is stored as sent. */
    private readonly privacy?: IngestPrivacy,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestReport> {
    const receivedAt = this.now()
    const { workspaceId } = request
    const ctx: RowContext = {
      workspaceId,
      receivedAt,
      batchSentAt: parseTime(request.batchSentAt),
      batchContext: request.batchContext,
      source: request.source ?? 'api',
    }
    const rejected: RejectedMessage[] = []
    const rows: EventRow[] = []
    const idRows: IdentityRows = { identities: [], merges: [] }
    const waitFor = new Set<Promise<void>>()
    const seenHere = new Set<string>()
    let duplicates = 0
    // Withheld by consent rules: acknowledged like stored ones, so SDKs do not retry them forever.
    let withheld = 0
    const consentChanges: ConsentRow[] = []
    const settings = this.privacy ? await this.privacy.settings(workspaceId) : undefined

    request.messages.forEach((raw, index) => {
      const reject = (code: string, message: string) => {
        const messageId = (raw as { messageId?: unknown } | null)?.messageId
        rejected.push({ index, ...(typeof messageId === 'string' ? { messageId } : {}), code, message })
      }
      const schemaError = messageSchemaError(raw)
      if (schemaError) return reject('TS_INVALID_EVENT', schemaError)
      const m = raw as SegmentMessage
      const type = request.type ?? m.type
      if (!type)
        return reject('TS_INVALID_EVENT', 'type: must be one of track, identify, page, screen, group, alias')
      if (!request.trusted) {
        const bytes = Buffer.byteLength(JSON.stringify(m))
        if (bytes > LIMITS.messageBytes) {
          return reject(
            'TS_PAYLOAD_TOO_LARGE',
            `the message is ${bytes} bytes; the limit is 32 KB per message`,
          )
        }
      }
      const valid = validateMessage(type, m, (id) => this.identities.isKnownUserId(workspaceId, id), {
        emailOrPhoneSuffices: request.emailOrPhoneSuffices,
      })
      if ('code' in valid) return reject(valid.code, valid.message)

      const messageId = valid.messageId ?? randomUUID()
      if (valid.messageId !== undefined && !request.trusted) {
        if (seenHere.has(messageId)) {
          duplicates++
          return
        }
        const seen = this.dedup.check(workspaceId, messageId)
        if (seen !== 'new') {
          duplicates++
          if (seen !== 'written') waitFor.add(seen)
          return
        }
        seenHere.add(messageId)
      }
      if (!this.privacy || !settings) {
        const personId = this.identities.resolve(workspaceId, valid.identifiers, receivedAt, idRows, {
          alias: valid.alias,
        })
        rows.push(toEventRow(valid, personId, messageId, ctx))
        return
      }
      const context = m.context?.consent !== undefined ? m.context : request.batchContext
      const admission = this.privacy.admit(
        workspaceId,
        settings,
        valid,
        context,
        receivedAt,
        idRows,
        consentChanges,
      )
      if (admission === 'drop') {
        withheld++
        return
      }
      const anonymous = admission === 'anonymise'
      const row = toEventRow(valid, anonymous ? randomUUID() : admission.personId, messageId, ctx)
      if (anonymous) anonymiseRow(row, row.personId)
      else applyIpRule(row, settings.ipAddresses)
      rows.push(row)
    })
    if (this.privacy && consentChanges.length > 0) waitFor.add(this.privacy.save(consentChanges))

    if (rows.length > 0 || idRows.identities.length > 0 || idRows.merges.length > 0) {
      const write = this.committer.submit({
        events: rows,
        identities: idRows.identities,
        merges: idRows.merges,
      })
      if (!request.trusted) {
        this.dedup.track(
          workspaceId,
          rows.map((r) => r.messageId),
          write,
          receivedAt,
        )
      }
      waitFor.add(write)
    }
    await Promise.all(waitFor)
    return { accepted: rows.length + duplicates + withheld, duplicates, rejected }
  }
}

/** Thrown when every message of a request was refused. */
export function batchRejected(report: IngestReport): TouchstoneError {
  const first = report.rejected[0]
  const tooLarge = report.rejected.every((r) => r.code === 'TS_PAYLOAD_TOO_LARGE')
  return new TouchstoneError(
    tooLarge
      ? 'TS_PAYLOAD_TOO_LARGE'
      : report.rejected.length === 1
        ? 'TS_INVALID_EVENT'
        : 'TS_BATCH_REJECTED',
    report.rejected.length === 1 && first
      ? first.message
      : `all ${report.rejected.length} messages were rejected; see rejected`,
    { rejected: report.rejected },
  )
}
