import { createGunzip, createInflate } from 'node:zlib'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { writeKeyOf } from '../auth/credentials.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import { batchRejected, type IngestReport, type IngestService } from '../ingest/ingest-service.ts'
import {
  LIMITS,
  MESSAGE_TYPES,
  SegmentBatch,
  SegmentMessage,
  type MessageType,
} from '../ingest/segment-message.ts'

const IngestAnswer = Type.Object({
  success: Type.Boolean(),
  accepted: Type.Integer({ description: 'Messages stored (retries of a stored messageId included).' }),
  duplicates: Type.Integer({ description: 'Accepted messages that were retries of a stored messageId.' }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer(),
      messageId: Type.Optional(Type.String()),
      code: Type.String(),
      message: Type.String(),
    }),
    { description: 'Messages refused, with the reason; the others were stored.' },
  ),
})

async function workspaceOf(request: FastifyRequest, keys: KeyService): Promise<string> {
  const writeKey = writeKeyOf(request.headers.authorization, request.body)
  if (!writeKey) {
    throw new TouchstoneError(
      'TS_UNAUTHORIZED',
      'send the write key as the HTTP Basic user name (or writeKey in the body)',
    )
  }
  const key = await keys.authenticate(writeKey, 'write')
  if (!key) throw new TouchstoneError('TS_UNAUTHORIZED', 'unknown or revoked write key')
  return key.workspaceId
}

function answer(report: IngestReport): IngestReport & { success: true } {
  if (report.accepted === 0 && report.rejected.length > 0) throw batchRejected(report)
  return { success: true, ...report }
}

/** The Segment Tracking API: `/v1/track|identify|page|screen|group|alias|batch`. */
export function ingestRoutes(deps: { ingest: IngestService; keys: KeyService }) {
  return async (app: FastifyInstance) => {
    // Ingestion bodies are always JSON, whatever the label: browsers post text/plain
    // (sendBeacon), RudderStack's Node SDK posts gzip with axios' default octet-stream.
    const parseJson = (
      _req: unknown,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      try {
        done(null, JSON.parse(body as string))
      } catch (error) {
        done(error as Error, undefined)
      }
    }
    // application/json too: Fastify's own parser refuses a whole batch for one `__proto__` key
    // (prototype-poisoning guard) while text/plain took it. JSON.parse keeps such a key as plain
    // data, which is safe here: messages are only read and re-serialised, never merged by assignment.
    app.removeContentTypeParser(['text/plain', 'application/json'])
    app.addContentTypeParser(['text/plain', 'application/json'], { parseAs: 'string' }, parseJson)
    app.addContentTypeParser('*', { parseAs: 'string' }, parseJson)
    // Browsers send events cross-origin (analytics.js, the widget). Write keys are public by
    // design and no cookie is ever read here, so any origin may post; nothing else is exposed.
    app.addHook('onRequest', async (_request, reply) => {
      void reply.header('access-control-allow-origin', '*')
    })
    app.options('/v1/*', { schema: { hide: true } }, async (_request, reply) => {
      void reply
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, authorization, content-encoding')
        .header('access-control-max-age', '86400')
        .status(204)
        .send()
    })
    app.addHook('preParsing', async (request, _reply, payload) => {
      const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase()
      if (encoding === 'identity') return payload
      if (encoding === 'gzip' || encoding === 'deflate') {
        const inflated: NodeJS.ReadableStream & {
          receivedEncodedLength: number
          destroy(error?: Error): void
        } = Object.assign(payload.pipe(encoding === 'gzip' ? createGunzip() : createInflate()), {
          receivedEncodedLength: 0,
        })
        // Fastify compares Content-Length with this, not with the inflated size; the body limit
        // still applies to the inflated bytes, which is what guards against zip bombs.
        payload.on('data', (chunk: Buffer) => {
          inflated.receivedEncodedLength += chunk.length
        })
        payload.on('error', (error) => inflated.destroy(error))
        return inflated
      }
      throw new TouchstoneError(
        'TS_UNSUPPORTED_ENCODING',
        `content-encoding "${encoding}" is not supported; use gzip or none`,
      )
    })

    for (const type of MESSAGE_TYPES) {
      app.post(
        `/v1/${type}`,
        {
          bodyLimit: LIMITS.messageBytes,
          schema: {
            tags: ['ingestion'],
            summary: `Segment ${type} call`,
            security: [{ writeKey: [] }],
            body: SegmentMessage,
            response: { 200: IngestAnswer },
          },
        },
        async (request) => {
          const workspaceId = await workspaceOf(request, deps.keys)
          return answer(
            await deps.ingest.ingest({ workspaceId, messages: [request.body], type: type as MessageType }),
          )
        },
      )
    }

    for (const path of ['/v1/batch', '/v1/import']) {
      app.post(
        path,
        {
          bodyLimit: LIMITS.batchBytes,
          schema: {
            tags: ['ingestion'],
            summary: path === '/v1/batch' ? 'Segment batch call' : 'Segment import call (same as batch)',
            description:
              'Each message is validated on its own: accepted messages are stored even when others are rejected; ' +
              'the answer lists the rejected ones. 200 only after the accepted messages are durable.',
            security: [{ writeKey: [] }],
            body: SegmentBatch,
            response: { 200: IngestAnswer },
          },
        },
        async (request) => {
          const workspaceId = await workspaceOf(request, deps.keys)
          const body = request.body as SegmentBatch
          return answer(
            await deps.ingest.ingest({
              workspaceId,
              messages: body.batch,
              batchSentAt: body.sentAt,
              batchContext: body.context,
            }),
          )
        },
      )
    }
  }
}
