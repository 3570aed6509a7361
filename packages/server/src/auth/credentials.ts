import { TouchstoneError } from '../errors.ts'

/**
 * The write key of an ingestion request: HTTP Basic user name (Segment clients send
 * `base64(writeKey + ':')`), else `writeKey` in the body, as Segment accepts.
 */
export function writeKeyOf(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
    const user = decoded.split(':')[0]
    if (user) return user
  }
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined
}

/** The secret key of an API request (`Authorization: Bearer tss_…`). */
export function bearerTokenOf(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
  if (!match?.[1]) {
    throw new TouchstoneError('TS_UNAUTHORIZED', 'send a secret API key as "Authorization: Bearer tss_…"')
  }
  return match[1]
}
