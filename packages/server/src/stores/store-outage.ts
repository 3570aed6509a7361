import { TouchstoneError } from '../errors.ts'

// Error codes and messages that mean "the store's server cannot be reached right now" (refused,
// reset, timed out, connection lost), as raised by node:net, pg and @clickhouse/client.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOSPC',
  '57P01', // PostgreSQL admin_shutdown
  '57P03', // PostgreSQL cannot_connect_now
])
const NETWORK_MESSAGE =
  /connection terminated|connection refused|socket hang up|timeout exceeded when trying to connect|timeout error|client has encountered a connection error|no space left on device/i

/** True when `error` (or one of its causes) says the store's server is unreachable or out of disk. */
export function isStoreOutage(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true
    if (typeof message === 'string' && NETWORK_MESSAGE.test(message)) return true
    e = cause
  }
  return false
}

/**
 * Rethrows a store outage as TS_STORE_UNAVAILABLE (503 with Retry-After) naming the store, so a
 * client retries instead of seeing a 500; any other error passes through unchanged.
 */
export function asStoreUnavailable(store: 'event store' | 'metadata store', error: unknown): unknown {
  if (error instanceof TouchstoneError || !isStoreOutage(error)) return error
  return new TouchstoneError('TS_STORE_UNAVAILABLE', `the ${store} is unavailable; retry later`, {
    cause: error instanceof Error ? error.message : String(error),
  })
}
