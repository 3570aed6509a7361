import type { FastifyInstance, FastifyRequest } from 'fastify'
import helmet from '@fastify/helmet'

/**
 * Paths other sites load on purpose: ingestion (analytics.js, the widget, server SDKs), the widget
 * script and its survey endpoints. They keep `Cross-Origin-Resource-Policy: cross-origin`; every
 * other response is same-origin only. CORS (`Access-Control-Allow-Origin`) is set by those routes
 * themselves and by nothing else, so the API and the dashboard never answer a foreign origin.
 */
const CROSS_ORIGIN = /^\/(v1\/|widget\.js$|s\/)/

/** HSTS: one year, subdomains included; sent only on https, where browsers honour it. */
const HSTS = 'max-age=31536000; includeSubDomains'

/** True when the request came over https, directly or through a proxy that says so. */
export function isHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto']
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  return request.protocol === 'https' || proto === 'https'
}

/**
 * Security headers on every response (helmet): a default CSP for what has none of its own (the
 * API docs, JSON; the dashboard and the survey pages set stricter ones with their HTML),
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy`, no framing, and HSTS on https (or always
 * with `TOUCHSTONE_SECURE_COOKIES=always`). Not encapsulated, so it covers every route.
 */
export function securityHeaders(options: { secureCookies: 'auto' | 'always' | 'never' }) {
  const plugin = async (app: FastifyInstance) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI styles elements inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      // Set below, only where it means something.
      hsts: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // The dashboard opens no cross-origin windows; survey pages are opened from e-mails (no opener needed).
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    })
    app.addHook('onRequest', async (request, reply) => {
      if (CROSS_ORIGIN.test(request.url)) void reply.header('cross-origin-resource-policy', 'cross-origin')
      const https =
        options.secureCookies === 'always' || (options.secureCookies === 'auto' && isHttps(request))
      if (https) void reply.header('strict-transport-security', HSTS)
    })
  }
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'security-headers',
  })
  return plugin
}
