import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type BrowserContext } from 'playwright-core'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody } from './survey-fixtures.ts'

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`
const WIDGET = new URL('../../widget/src/touchstone-widget.js', import.meta.url)

test('the widget stays within 15 KB gzip', () => {
  const size = gzipSync(readFileSync(WIDGET)).length
  assert.ok(size <= 15 * 1024, `${size} bytes gzip`)
})

// A plain HTML page on another origin, under a strict Content-Security-Policy with a nonce.
function hostPage(touchstone: string, key: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style nonce="${nonce}">button{background:red}</style></head>
<body><h1>Nordlicht</h1><p id="own">host script ran: no</p>
<script nonce="${nonce}">document.getElementById('own').textContent = 'host script ran: yes'</script>
<script nonce="${nonce}" async src="${touchstone}/widget.js" data-write-key="${key}" data-delay="0" data-nonce="${nonce}" data-lang="en"></script>
</body></html>`
}

describe('the widget in a real browser (Debian chromium)', { skip, timeout: 120_000 }, () => {
  let server: TestServer & { url: string }
  let ws: TestWorkspace
  let site: Server
  let siteUrl = ''
  let touchstoneUrl = ''
  let context: BrowserContext
  let profile: string
  let surveyId: string

  before(async () => {
    server = await startTestServer({ listen: true })
    touchstoneUrl = server.url
    ws = await server.workspace('Widget')
    const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
    surveyId = survey.body.id
    const settings = await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
      widget: { surveyId, sample: 1 },
    })
    assert.equal(settings.status, 200, JSON.stringify(settings.body))
    site = createServer((req, res) => {
      const down = req.url?.startsWith('/down')
      const target = down ? 'http://127.0.0.1:9' : touchstoneUrl
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; script-src 'nonce-n0nce'; style-src 'nonce-n0nce'; connect-src ${target}`,
      })
      res.end(hostPage(target, ws.writeKey, 'n0nce'))
    })
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
    profile = mkdtempSync(join(tmpdir(), 'touchstone-widget-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox'],
    })
  })
  after(async () => {
    await context?.close()
    rmSync(profile, { recursive: true, force: true })
    await new Promise<void>((resolve) => site.close(() => resolve()))
    await server.close()
  })

  test('a visitor is prompted, answers part, reloads, resumes and sends; the response and page view are stored', async () => {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined))
    await page.goto(`${siteUrl}/checkout`)
    const widget = page.locator('[data-touchstone-widget] .card')
    await widget.waitFor({ timeout: 15_000 })
    assert.equal(await page.locator('#own').textContent(), 'host script ran: yes')
    // The host page's red buttons do not leak into the widget (shadow DOM).
    const nine = widget.getByRole('button', { name: '9', exact: true })
    assert.notEqual(
      await nine.evaluate(
        (b) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(b).backgroundColor,
      ),
      'rgb(255, 0, 0)',
    )
    await nine.click()
    assert.equal(await nine.getAttribute('aria-pressed'), 'true')
    await page.waitForTimeout(300)
    await page.reload()
    await widget.waitFor({ timeout: 15_000 })
    assert.equal(
      await widget.getByRole('button', { name: '9', exact: true }).getAttribute('aria-pressed'),
      'true',
      'resumed',
    )
    await widget.getByLabel('Why?').fill('Fast delivery and friendly drivers.')
    await widget.getByRole('button', { name: 'Send' }).click()
    await widget.getByText('Thank you', { exact: false }).waitFor({ timeout: 10_000 })
    assert.deepEqual(errors, [])

    const list = await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${surveyId}`)
    assert.equal(list.body.total, 1)
    const r = list.body.items[0]
    assert.deepEqual(
      {
        score: r.score,
        channel: r.channel,
        touchpoint: r.touchpoint,
        complete: r.complete,
        language: r.language,
      },
      {
        score: 9,
        channel: 'web',
        touchpoint: 'checkout',
        complete: true,
        language: 'en',
      },
    )
    assert.equal(r.comment, 'Fast delivery and friendly drivers.')
    const timeline = await api(server.app, ws.secretKey, 'GET', `/api/persons/${r.personId}/timeline`)
    const kinds = timeline.body.items.map((e: { type: string; event: string }) => `${e.type}:${e.event}`)
    assert.ok(kinds.includes('track:Survey Responded'), kinds.join())
    assert.ok(
      kinds.some((k: string) => k.startsWith('page:')),
      'the widget tracked the page views',
    )
    // Answered: the next page view does not prompt again.
    await page.reload()
    await page.waitForTimeout(1500)
    assert.equal(await page.locator('[data-touchstone-widget]').count(), 0)
    await page.close()
  })

  test('a server that is down never breaks the host page', async () => {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${siteUrl}/down`)
    await page.waitForTimeout(1500)
    assert.equal(await page.locator('#own').textContent(), 'host script ran: yes')
    assert.deepEqual(errors, [])
    await page.close()
  })
})
