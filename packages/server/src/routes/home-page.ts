import type { FastifyInstance } from 'fastify'

/**
 * The page at `/` until the dashboard lands: says what runs and where to go next. Static HTML,
 * no user data, so nothing to escape.
 */
export function homePage(deps: { version: string }) {
  return async (app: FastifyInstance) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      void reply.type('text/html; charset=utf-8')
      return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Touchstone</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Touchstone ${deps.version}</h1>
<p>The server is running. The dashboard is on its way; meanwhile:</p>
<ul>
<li>API reference: <a href="/docs">/docs</a> (OpenAPI)</li>
<li>Health: <a href="/api/health">/api/health</a></li>
<li>Send events with any Segment client: host <code>http://this-server</code>, your write key.</li>
<li>Find a person: <code>GET /api/persons?identifier=…</code> with <code>Authorization: Bearer &lt;secret key&gt;</code>.</li>
</ul></body></html>`
    })
  }
}
