import type { FastifyInstance } from 'fastify'

/** What TypeBox's `Type.Record(Type.String(), …)` emits as the pattern of every key. */
const ANY_LINE = '^(.*)$'
/** The same without the catch: `.` does not match a line break, `[\s\S]` does. */
const ANY_TEXT = '^([\\s\\S]*)$'

function rewrite(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewrite)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'patternProperties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([pattern, v]) => [pattern === ANY_LINE ? ANY_TEXT : pattern, rewrite(v)]),
      )
    } else out[key] = rewrite(value)
  }
  return out
}

/**
 * Responses are serialised by fast-json-stringify, which keeps a record's key only if it matches
 * the key pattern; TypeBox's `^(.*)$` does not match a key with a line break, so such a trait or
 * property key (stored verbatim) silently vanished from every answer. This rewrites the pattern
 * in each route's response schemas as the route is added.
 */
export function serializeEveryRecordKey(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema?.response) route.schema = { ...route.schema, response: rewrite(route.schema.response) }
  })
}
