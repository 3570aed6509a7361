import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium, which `.ci/run` installs. */
export const CHROMIUM = '/usr/bin/chromium'
/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Where the e2e tests save their screenshots (ignored by git). */
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots')
/** Skip reason for `describe` when Chromium is not installed. */
export const skipWithoutChromium = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`

/** Builds the dashboard when its bundle is stale, failing the test with the build's output. */
export function buildDashboard(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-web-build.js'), '--strict'], {
    encoding: 'utf8',
  })
  assert.equal(build.status, 0, build.stdout + build.stderr)
}

/** Launches headless Chromium with its own profile (flags for a container without a GPU or sandbox). */
export async function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'en-GB',
    viewport,
  })
  return { context, page: context.pages()[0] ?? (await context.newPage()) }
}

/** Collects the page's console errors and uncaught exceptions into `errors`. */
export function collectConsoleErrors(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    // The login page asks "who am I?" first; before login the answer is a 401 by design.
    if (/status of 401/.test(msg.text()) && msg.location().url.endsWith('/api/session')) return
    errors.push(`${page.url()}: ${msg.text()} (${msg.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`))
}
