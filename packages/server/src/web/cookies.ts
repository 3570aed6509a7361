/** Cookie names of the dashboard session. */
export const SESSION_COOKIE = 'ts_session'
export const CSRF_COOKIE = 'ts_csrf'
/** The header a cookie-authenticated mutation must repeat the CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token'

/** Parses a `Cookie` header into name → value (first occurrence wins, values URI-decoded when valid). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    if (out.has(name)) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      value = decodeURIComponent(value)
    } catch {
      // Keep the raw value: a malformed escape must not fail the request.
    }
    out.set(name, value)
  }
  return out
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number
  httpOnly: boolean
  secure: boolean
}

/** A `Set-Cookie` value with Path=/ and SameSite=Lax. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'SameSite=Lax',
    `Max-Age=${options.maxAge}`,
  ]
  if (options.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT')
  if (options.httpOnly) parts.push('HttpOnly')
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
