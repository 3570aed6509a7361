import type { FastifyInstance } from 'fastify'
import { TouchstoneError } from '../errors.ts'

/** Deep enough for every schema of the API; deeper input is refused by the routes' schemas anyway. */
const MAX_DEPTH = 32

/** Where in `value` a string or key holds U+0000, as a path like `body.note`; undefined if nowhere. */
export function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return undefined
  const entries =
    value instanceof URLSearchParams
      ? [...value.entries()]
      : Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value)
  for (const [key, v] of entries) {
    const at = `${path}.${key}`
    if (key.includes('\u0000')) return at
    const found = nulPath(v, at, depth + 1)
    if (found) return found
  }
  return undefined
}

/**
 * PostgreSQL text cannot hold U+0000: a NUL in a survey name, a case note or a comment that is
 * copied into a case would fail the insert (a 500, after part of the work was done). Every
 * route but ingestion (whose ClickHouse columns hold any byte) refuses it up front with a 400.
 */
export function rejectNulText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/v1/')) return
    const where =
      nulPath(request.params, 'params') ??
      nulPath(request.query, 'querystring') ??
      nulPath(request.body, 'body')
    if (where) {
      throw new TouchstoneError(
        'TS_BAD_REQUEST',
        `${where} contains a NUL character (U+0000), which text fields cannot store`,
      )
    }
  })
}
