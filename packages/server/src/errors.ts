/**
 * The error catalog: every error a user can see has a stable code (tests assert the code; the
 * message is for people) and the HTTP status it maps to.
 */
export const ERRORS = {
  TS_BAD_REQUEST: 400,
  TS_INVALID_EVENT: 400,
  TS_BATCH_REJECTED: 400,
  TS_MALFORMED_JSON: 400,
  TS_UNSUPPORTED_ENCODING: 415,
  TS_UNSUPPORTED_MEDIA_TYPE: 415,
  TS_PAYLOAD_TOO_LARGE: 413,
  TS_UNAUTHORIZED: 401,
  TS_FORBIDDEN: 403,
  TS_NOT_FOUND: 404,
  TS_CONFLICT: 409,
  TS_RATE_LIMITED: 429,
  TS_ACCOUNT_LOCKED: 423,
  TS_OVERLOADED: 503,
  TS_STORE_UNAVAILABLE: 503,
  TS_DATA_DIR_LOCKED: 409,
  TS_CONFIG_INVALID: 500,
  TS_IMPORT_INVALID: 400,
  TS_INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERRORS

/** An error with a stable code, an HTTP status and a message a user can act on. */
export class TouchstoneError extends Error {
  readonly statusCode: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'TouchstoneError'
    this.statusCode = ERRORS[code]
  }
}

/** True for a TouchstoneError (also across module copies). */
export function isTouchstoneError(error: unknown): error is TouchstoneError {
  return error instanceof Error && error.name === 'TouchstoneError' && 'code' in error
}
