import {
  classifyChannel,
  classifyTouchpoint,
  correctedEventTime,
  parseTime,
  realId,
  toIdentifier,
  type Identifier,
} from '@touchstone/core'
import type { EventRow } from '../stores/events/event-row.ts'
import type { MessageType, SegmentMessage } from './segment-message.ts'

/** Why a message was refused, with a stable code. */
export interface Rejection {
  code: 'TS_INVALID_EVENT' | 'TS_PAYLOAD_TOO_LARGE'
  message: string
}

/** A message that passed validation, ready for identity resolution. */
export interface ValidMessage {
  type: MessageType
  messageId: string | undefined
  message: SegmentMessage
  identifiers: Identifier[]
  /** An alias states that its two ids are one person, so it may link a second user id. */
  alias: boolean
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Checks the fields each message type needs and gathers its identifiers, strongest first. */
export function validateMessage(
  type: MessageType,
  m: SegmentMessage,
  isKnownUserId: (id: string) => boolean,
  options: { emailOrPhoneSuffices?: boolean } = {},
): ValidMessage | Rejection {
  // Ids are compared as sent but stored as UTF-8, where every unpaired surrogate is the same
  // U+FFFD: two different ids would become one. No client makes such ids; refuse them.
  for (const field of ['messageId', 'userId', 'anonymousId', 'previousId', 'groupId'] as const) {
    const value = m[field]
    if (typeof value === 'string' && UNPAIRED_SURROGATE.test(value)) {
      return {
        code: 'TS_INVALID_EVENT',
        message: `${field} is not valid Unicode text (an unpaired surrogate)`,
      }
    }
  }
  const userId = realId(m.userId)
  const anonymousId = realId(m.anonymousId)
  // Segment's `context.traits` are the user's traits on any call; identify carries them at the top.
  const traits =
    (type === 'identify' ? m.traits : undefined) ?? (m.context?.traits as Record<string, unknown> | undefined)
  const email = toIdentifier('email', traits?.email)
  const phone = toIdentifier('phone', traits?.phone)
  const suffices = options.emailOrPhoneSuffices === true && (email !== undefined || phone !== undefined)
  if (userId === undefined && anonymousId === undefined && !suffices) {
    const sent = m.userId ?? m.anonymousId
    return {
      code: 'TS_INVALID_EVENT',
      message:
        sent === undefined || sent === null
          ? 'a message needs a userId or an anonymousId'
          : `"${String(sent)}" is a placeholder, not an identifier: send a real userId or anonymousId`,
    }
  }
  if (type === 'track' && (typeof m.event !== 'string' || m.event.trim() === '')) {
    return { code: 'TS_INVALID_EVENT', message: 'a track message needs an event name' }
  }
  if (type === 'alias' && realId(m.previousId) === undefined) {
    return { code: 'TS_INVALID_EVENT', message: 'an alias message needs a previousId' }
  }
  if (type === 'group' && realId(m.groupId) === undefined) {
    return { code: 'TS_INVALID_EVENT', message: 'a group message needs a groupId' }
  }
  for (const field of ['timestamp', 'sentAt', 'originalTimestamp'] as const) {
    if (m[field] !== undefined && parseTime(m[field]) === undefined) {
      return {
        code: 'TS_INVALID_EVENT',
        message: `${field} is not an ISO-8601 time between 1970 and 2299: "${String(m[field])}"`,
      }
    }
  }
  const identifiers: Identifier[] = []
  const push = (id: Identifier | undefined) => id && identifiers.push(id)
  push(toIdentifier('user_id', userId))
  push(email)
  push(phone)
  if (type === 'alias') {
    // previousId is a user id or an anonymous id, and the message does not say which. A known
    // user id is one; an unknown value may be either, so it is linked as both: SDKs send their
    // batches in parallel, and an alias that overtakes the identify introducing its previous user
    // id must still join that identify's person when it arrives (it used to start a second one).
    const previous = realId(m.previousId) as string
    if (!isKnownUserId(previous)) push(toIdentifier('user_id', previous))
    push(toIdentifier(isKnownUserId(previous) ? 'user_id' : 'anonymous_id', previous))
  }
  push(toIdentifier('anonymous_id', anonymousId))
  return { type, messageId: m.messageId, message: m, identifiers, alias: type === 'alias' }
}

/** Everything about the request a row needs besides the message itself. */
export interface RowContext {
  workspaceId: string
  receivedAt: number
  /** `sentAt` of the enclosing batch, used when the message has none. */
  batchSentAt: number | undefined
  /** `context` of the enclosing batch, under the message's own. */
  batchContext: Record<string, unknown> | undefined
  source: string
}

/** Builds the stored row of a validated message resolved to `personId`. */
export function toEventRow(v: ValidMessage, personId: string, messageId: string, ctx: RowContext): EventRow {
  const m = v.message
  const context = ctx.batchContext ? { ...ctx.batchContext, ...m.context } : (m.context ?? {})
  const channel = classifyChannel({ type: v.type, name: m.name, properties: m.properties, context })
  const touchpoint = classifyTouchpoint(
    { type: v.type, name: m.name, properties: m.properties, context },
    channel,
  )
  const clientTime = parseTime(m.timestamp ?? m.originalTimestamp)
  const sentAt = parseTime(m.sentAt) ?? ctx.batchSentAt
  let event = ''
  if (v.type === 'track') event = (m.event as string).trim()
  else if (v.type === 'page' || v.type === 'screen') event = typeof m.name === 'string' ? m.name : ''
  const properties =
    v.type === 'alias'
      ? { previousId: String(m.previousId), ...m.properties }
      : v.type === 'group'
        ? { groupId: String(m.groupId), ...m.properties }
        : m.properties
  return {
    workspaceId: ctx.workspaceId,
    messageId,
    type: v.type,
    event,
    personId,
    anonymousId: realId(m.anonymousId) ?? '',
    userId: realId(m.userId) ?? '',
    channel,
    touchpoint,
    eventTime: correctedEventTime(clientTime, clientTime === undefined ? undefined : sentAt, ctx.receivedAt),
    clientTime: clientTime ?? null,
    sentAt: sentAt ?? null,
    receivedAt: ctx.receivedAt,
    properties: properties ?? {},
    traits:
      m.traits ?? (v.type === 'identify' ? ((m.context?.traits as Record<string, unknown>) ?? {}) : null),
    context,
    source: ctx.source,
  }
}
