import { createHmac, timingSafeEqual } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function mac(secret: string, invitationId: string): Buffer {
  // A purpose prefix keeps a survey token from ever verifying as another signed value (cookies).
  return createHmac('sha256', secret)
    .update(`touchstone-survey-invitation:${invitationId}`)
    .digest()
    .subarray(0, 16)
}

/**
 * The token of a survey link: the invitation id and a 128-bit HMAC-SHA-256 of it under the
 * server secret, base64url (≈ 44 characters). Guessing a token is as hard as guessing the MAC.
 * @example signInvitationToken(secret, '3f0c…') → 'PwwL…Jq7'
 */
export function signInvitationToken(secret: string, invitationId: string): string {
  const id = Buffer.from(invitationId.replace(/-/g, ''), 'hex')
  return Buffer.concat([id, mac(secret, invitationId)]).toString('base64url')
}

/** The invitation id a token names, or undefined when it is malformed or its MAC is wrong. */
export function verifyInvitationToken(secret: string, token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined
  const bytes = Buffer.from(token, 'base64url')
  // The last of 43 characters carries 4 unused bits: without this check, 16 spellings of every
  // token would verify (a tampered link would still open the survey).
  if (bytes.length !== 32 || bytes.toString('base64url') !== token) return undefined
  const hex = bytes.subarray(0, 16).toString('hex')
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  if (!UUID.test(id)) return undefined
  return timingSafeEqual(bytes.subarray(16), mac(secret, id)) ? id : undefined
}
