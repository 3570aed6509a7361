import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { isTouchstoneError } from '../errors.ts'

/** The JSON body of every error answer. */
export interface ErrorBody {
  success: false
  code: string
  message: string
  details?: unknown
}

/**
 * Errors Fastify raises before routing (a URL with a broken percent escape, FST_ERR_BAD_URL)
 * bypass the error handler; pass this as the `frameworkErrors` option so they get the same body.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400
  void reply.status(status).send({
    success: false,
    code: 'TS_BAD_REQUEST',
    message: error.code === 'FST_ERR_BAD_URL' ? 'the URL has a malformed percent escape' : error.message,
  } satisfies ErrorBody)
}

/**
 * A TS_STORE_UNAVAILABLE wrapped by a library (Drizzle wraps driver errors in DrizzleQueryError
 * with the original as `cause`), so an outage answers 503 however deep the driver raised it.
 */
function storeOutageIn(error: unknown): FastifyError | undefined {
  let e = (error as { cause?: unknown } | undefined)?.cause
  for (let depth = 0; e && depth < 4; depth++) {
    if (isTouchstoneError(e) && e.code === 'TS_STORE_UNAVAILABLE') return e as unknown as FastifyError
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** Maps every error to a status and a body with a stable code and a message a user can act on. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    const error = storeOutageIn(thrown) ?? thrown
    let status = 500
    let body: ErrorBody
    if (isTouchstoneError(error)) {
      status = error.statusCode
      body = {
        success: false,
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      }
      if (status === 503) reply.header('retry-after', '1')
      // An outage must leave a clear trace in the log, naming the store and the driver's reason.
      if (error.code === 'TS_STORE_UNAVAILABLE')
        request.log.error({ err: error, details: error.details }, error.message)
    } else if (error.validation) {
      status = 400
      body = {
        success: false,
        code: 'TS_BAD_REQUEST',
        message:
          `${error.validationContext ?? 'request'} ${error.message.replace(/^(body|querystring|params)\/?/, '')}`.trim(),
      }
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413
      const limit = request.routeOptions.bodyLimit ?? 0
      body = {
        success: false,
        code: 'TS_PAYLOAD_TOO_LARGE',
        message: `the request body exceeds ${Math.round(limit / 1024)} KB`,
      }
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415
      body = {
        success: false,
        code: 'TS_UNSUPPORTED_MEDIA_TYPE',
        message: 'send the body as application/json',
      }
    } else if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      status = 400
      body = {
        success: false,
        code: 'TS_MALFORMED_JSON',
        message: `the body is not valid JSON: ${error.message}`,
      }
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode
      body = {
        success: false,
        code: status === 429 ? 'TS_RATE_LIMITED' : 'TS_BAD_REQUEST',
        message: error.message,
      }
    } else {
      request.log.error({ err: error }, 'unhandled error')
      body = {
        success: false,
        code: 'TS_INTERNAL',
        message: 'internal error; the server log has the details',
      }
    }
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed')
    void reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      success: false,
      code: 'TS_NOT_FOUND',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    })
  })
}
