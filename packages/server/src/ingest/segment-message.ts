import { Type, type Static } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'

/** The Segment Tracking API's message types. */
export const MESSAGE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const
export type MessageType = (typeof MESSAGE_TYPES)[number]

/** Segment's limits: 32 KB per message, 500 KB and 2,500 messages per batch. */
export const LIMITS = { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500 } as const

const Id = Type.Union([Type.String({ maxLength: 200 }), Type.Number()])
const Time = Type.Union([Type.String({ maxLength: 40 }), Type.Number()])
const Dict = Type.Record(Type.String(), Type.Unknown())

/** One Segment message, as any published client sends it (unknown fields are kept, not rejected). */
export const SegmentMessage = Type.Object(
  {
    type: Type.Optional(Type.Union(MESSAGE_TYPES.map((t) => Type.Literal(t)))),
    messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    anonymousId: Type.Optional(Type.Union([Id, Type.Null()])),
    userId: Type.Optional(Type.Union([Id, Type.Null()])),
    event: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    category: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    previousId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    timestamp: Type.Optional(Time),
    originalTimestamp: Type.Optional(Time),
    sentAt: Type.Optional(Time),
    properties: Type.Optional(Dict),
    traits: Type.Optional(Dict),
    context: Type.Optional(Dict),
    integrations: Type.Optional(Dict),
    writeKey: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description: 'A Segment Tracking API message (track, identify, page, screen, group, alias).',
  },
)
export type SegmentMessage = Static<typeof SegmentMessage>

/** The body of `POST /v1/batch`. Messages are checked one by one, so one bad message does not sink the rest. */
export const SegmentBatch = Type.Object(
  {
    batch: Type.Array(Type.Unknown(), {
      minItems: 1,
      maxItems: LIMITS.batchMessages,
      description: `Up to ${LIMITS.batchMessages} messages, each ≤ 32 KB (see SegmentMessage).`,
    }),
    sentAt: Type.Optional(Time),
    context: Type.Optional(Dict),
    integrations: Type.Optional(Dict),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)
export type SegmentBatch = Static<typeof SegmentBatch>

const compiled = TypeCompiler.Compile(SegmentMessage)

/** The first schema violation of a message as a sentence, or undefined when it is well-formed. */
export function messageSchemaError(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'a message must be a JSON object'
  if (compiled.Check(value)) return undefined
  const first = compiled.Errors(value).First()
  if (!first) return 'the message does not match the Segment message schema'
  const field = first.path === '' ? 'message' : first.path.slice(1).replace(/\//g, '.')
  return `${field}: ${first.message.toLowerCase()}`
}
