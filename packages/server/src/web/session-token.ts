import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** What a session cookie carries: who, in which workspace, until when. The role is looked up per request. */
export interface SessionClaims {
  /** Random session id: ties the CSRF token to this session and lets logout revoke it. */
  sid: string
  userId: string
  /** Shown by the dashboard; the user id is what authorizes. */
  email: string
  workspaceId: string
  /** Expiry, epoch milliseconds. */
  exp: number
}

function mac(secret: string, purpose: string, data: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${data}`).digest('base64url')
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** A fresh random session id (128 bits). */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * Signs the claims as `payload.signature` (base64url JSON + HMAC-SHA256 with the server secret).
 * Stateless on purpose: any process holding TOUCHSTONE_SECRET can verify it.
 */
export function signSession(secret: string, claims: SessionClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${payload}.${mac(secret, 'session', payload)}`
}

/** The claims of a token whose signature is valid and which has not expired; otherwise undefined. */
export function verifySession(secret: string, token: string, now = Date.now()): SessionClaims | undefined {
  if (token.length > 2048) return undefined
  const dot = token.indexOf('.')
  if (dot <= 0) return undefined
  const payload = token.slice(0, dot)
  if (!equal(token.slice(dot + 1), mac(secret, 'session', payload))) return undefined
  let claims: Partial<SessionClaims>
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>
  } catch {
    return undefined
  }
  const { sid, userId, email, workspaceId, exp } = claims
  if (typeof sid !== 'string' || typeof userId !== 'string' || typeof workspaceId !== 'string')
    return undefined
  if (typeof email !== 'string' || typeof exp !== 'number' || exp <= now) return undefined
  return { sid, userId, email, workspaceId, exp }
}

/**
 * The CSRF token of a session (double-submit): derived from the session id, so the server needs
 * no storage, and an attacker who cannot read the victim's cookies cannot compute it.
 */
export function csrfTokenFor(secret: string, sid: string): string {
  return mac(secret, 'csrf', sid)
}

/** True when `sent` is the CSRF token of session `sid`. */
export function isCsrfTokenValid(secret: string, sid: string, sent: string | undefined): boolean {
  return typeof sent === 'string' && equal(sent, csrfTokenFor(secret, sid))
}
