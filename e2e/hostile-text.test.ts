// Stored XSS through the public write key: anyone can send events with markup in event names,
// traits and properties. The dashboard must show that text literally and never run it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { buildDashboard, launchChromium, skipWithoutChromium } from './chromium.ts'
import { startDemoServer, type DemoServer } from './demo-server.ts'

const skip = skipWithoutChromium

/** Each payload sets a marker when it runs, so "did not run" is checked, not only "no dialog". */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '"><svg onload="window.__xss=2;alert(2)">',
  '<script>window.__xss=3;alert(3)</script>',
]

describe('hostile text in the dashboard (Debian chromium)', { skip, timeout: 240_000 }, () => {
  let dataDir: string
  let profileDir: string
  let server: DemoServer
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []

  before(async () => {
    buildDashboard()
    dataDir = mkdtempSync(join(tmpdir(), 'touchstone-e2e-xss-'))
    profileDir = mkdtempSync(join(tmpdir(), 'touchstone-chromium-xss-'))
    server = await startDemoServer(dataDir, 40)
    const writeKey = /Write key\s+(\S+)/.exec(server.output())?.[1]
    assert.ok(writeKey, 'the server printed a write key')
    const res = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        batch: [
          {
            type: 'identify',
            userId: 'xss-e2e',
            traits: { name: PAYLOADS[0], company: PAYLOADS[1], [PAYLOADS[2] as string]: 'key' },
          },
          ...PAYLOADS.map((p) => ({
            type: 'track',
            userId: 'xss-e2e',
            event: p,
            properties: { note: p },
          })),
        ],
      }),
    })
    assert.equal(res.status, 200, await res.text())
    ;({ context, page } = await launchChromium(profileDir, { width: 1280, height: 900 }))
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
  })

  after(async () => {
    await context?.close()
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    if (profileDir) rmSync(profileDir, { recursive: true, force: true })
  })

  test('the customer profile shows markup in traits and events as text and runs none of it', async () => {
    await page.goto(server.url)
    await page.getByLabel('E-mail').fill(server.email)
    await page.getByLabel('Password').fill(server.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('overview-figures').waitFor()
    await page.goto(`${server.url}/customers?identifier=xss-e2e`)
    const profile = page.getByTestId('profile')
    await profile.waitFor()
    // The timeline loads after the profile; wait until the last event name is on screen.
    await profile
      .getByText(PAYLOADS[2] as string, { exact: true })
      .first()
      .waitFor()
    const text = await profile.innerText()
    for (const p of PAYLOADS) assert.ok(text.includes(p), `"${p}" is shown literally`)
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined)
    assert.equal(await page.locator('img[src="x"], svg[onload]').count(), 0, 'no injected element')
    assert.deepEqual(dialogs, [])
  })
})
