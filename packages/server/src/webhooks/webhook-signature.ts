import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The `Touchstone-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA-256 of
 * "<t>.<body>">` under the webhook's secret. Signing the time with the body lets a receiver
 * refuse replays of an old delivery (see verifyWebhookSignature).
 */
export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}

/**
 * What a receiver does with the header: recompute the HMAC over the raw body, compare in
 * constant time, and refuse a timestamp more than `toleranceSeconds` (default 5 min) away.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=')
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const
    }),
  )
  const t = Number(parts.get('t'))
  const given = parts.get('v1') ?? ''
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false
  const expected = signWebhookBody(secret, body, t).split('v1=')[1] ?? ''
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}
