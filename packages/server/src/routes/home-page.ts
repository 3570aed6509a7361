import type { FastifyInstance } from 'fastify'

/**
 * The page `/` shows when the dashboard has not been built (`npm run build:web`; `npm start`
 * builds it). Static HTML, no user data, so nothing to escape.
 */
export function homePageHtml(version: string, dashboard: 'missing' | 'incomplete'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Touchstone</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Touchstone ${version}</h1>
<p>The server is running, but the dashboard is ${dashboard === 'missing' ? 'not built' : 'incompletely built'}:
run <code>npm run build:web</code> (or start with <code>npm start</code>, which builds it) and reload.</p>
<ul>
<li>API reference: <a href="/docs">/docs</a> (OpenAPI)</li>
<li>Health: <a href="/api/health">/api/health</a></li>
<li>Send events with any Segment client: host <code>http://this-server</code>, your write key.</li>
<li>Find a person: <code>GET /api/persons?identifier=…</code> with <code>Authorization: Bearer &lt;secret key&gt;</code>.</li>
</ul></body></html>`
}

/**
 * Kept for app.ts, which registers it after the dashboard: `/` now belongs to the dashboard
 * (web/dashboard-routes.ts), which serves the page above while the SPA is not built.
 */
export function homePage(_deps: { version: string }) {
  return async (_app: FastifyInstance) => {}
}
