import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import {
  buildDashboard,
  collectConsoleErrors,
  launchChromium,
  SCREENSHOTS,
  skipWithoutChromium,
} from './chromium.ts'
import { startDemoServer, type DemoServer } from './demo-server.ts'

const skip = skipWithoutChromium

/** Every page of the dashboard: path and the heading it shows in English and German. */
const PAGES = [
  { path: '/', name: 'overview', en: 'Overview', de: 'Überblick' },
  { path: '/journey', name: 'journey', en: 'Journey', de: 'Customer Journey' },
  { path: '/touchpoints', name: 'touchpoints', en: 'Touchpoints', de: 'Touchpoints' },
  { path: '/feedback', name: 'feedback', en: 'Feedback', de: 'Feedback' },
  { path: '/cases', name: 'cases', en: 'Cases', de: 'Fälle' },
  { path: '/customers', name: 'customers', en: 'Customers', de: 'Kunden' },
  { path: '/personas', name: 'personas', en: 'Personas', de: 'Personas' },
  { path: '/lifecycle', name: 'lifecycle', en: 'Lifecycle', de: 'Lebenszyklus' },
  { path: '/surveys', name: 'surveys', en: 'Surveys', de: 'Umfragen' },
  { path: '/settings', name: 'settings', en: 'Settings', de: 'Einstellungen' },
] as const

/** The analytics pages and how many charts each draws with the demo data (at least). */
const ANALYTICS_PAGES = [
  { path: '/', name: 'overview', en: 'Overview', de: 'Überblick', charts: 5 },
  { path: '/journey', name: 'journey', en: 'Journey', de: 'Customer Journey', charts: 5 },
  { path: '/touchpoints', name: 'touchpoints', en: 'Touchpoints', de: 'Touchpoints', charts: 1 },
  { path: '/personas', name: 'personas', en: 'Personas', de: 'Personas', charts: 2 },
  { path: '/lifecycle', name: 'lifecycle', en: 'Lifecycle', de: 'Lebenszyklus', charts: 3 },
] as const

describe('dashboard in a real browser (Debian chromium)', { skip, timeout: 300_000 }, () => {
  let dataDir: string
  let profileDir: string
  let server: DemoServer
  let context: BrowserContext
  let page: Page
  const consoleErrors: string[] = []

  before(async () => {
    buildDashboard()
    mkdirSync(SCREENSHOTS, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), 'touchstone-e2e-'))
    profileDir = mkdtempSync(join(tmpdir(), 'touchstone-chromium-'))
    server = await startDemoServer(dataDir, 300)
    ;({ context, page } = await launchChromium(profileDir, { width: 1280, height: 900 }))
    collectConsoleErrors(page, consoleErrors)
  })

  after(async () => {
    await context?.close()
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    if (profileDir) rmSync(profileDir, { recursive: true, force: true })
  })

  test('a wrong password is refused with a message', async () => {
    await page.goto(server.url)
    await page.getByLabel('E-mail').fill(server.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').getByText('Wrong e-mail or password.').waitFor()
  })

  test('logs in with the printed demo credentials; the Overview renders in < 2 s', async () => {
    await page.getByLabel('Password').fill(server.password)
    const started = Date.now()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('overview-figures').waitFor()
    await page.locator('.chart svg').first().waitFor()
    const afterLogin = Date.now() - started
    // Cold loads of the Overview with the session cookie: HTML, scripts, session, data, chart.
    // The median of three, so one scheduling hiccup of a shared CI machine does not decide it.
    const loads: number[] = []
    for (let i = 0; i < 3; i++) {
      const cold = Date.now()
      await page.goto(server.url)
      await page.getByTestId('overview-figures').waitFor()
      await page.locator('.chart svg').first().waitFor()
      loads.push(Date.now() - cold)
    }
    const coldMs = [...loads].sort((a, b) => a - b)[1]!
    console.log(
      `Overview rendered ${afterLogin} ms after "Sign in"; cold loads with session: ${loads.join(', ')} ms (median ${coldMs} ms)`,
    )
    assert.ok(coldMs < 2000, `the Overview took ${coldMs} ms (median of ${loads.join(', ')})`)
    const figures = await page.getByTestId('overview-figures').innerText()
    assert.match(figures, /Events\s+[\d,]+/)
    // The demo's survey responses reach the score cards: a number with its interval, not "—".
    const scores = page.getByRole('region', { name: 'Survey scores' })
    await scores
      .getByText(/95 % interval/)
      .first()
      .waitFor()
    assert.match(await scores.innerText(), /NPS\s+-?\d+(\.\d)?\s/)
  })

  for (const lang of ['en', 'de'] as const) {
    test(`every page renders without console errors (${lang})`, async () => {
      if (lang === 'de') {
        await page.getByLabel('Language').selectOption('de')
        await page.getByRole('navigation').getByText('Überblick').waitFor()
        assert.equal(await page.locator('html').getAttribute('lang'), 'de')
      }
      for (const p of PAGES) {
        await page.getByRole('navigation').getByRole('link', { name: p[lang], exact: true }).click()
        await page.waitForURL((url) => url.pathname === p.path)
        await page.getByRole('heading', { level: 1, name: p[lang], exact: true }).waitFor()
        // Loading skeletons gone: the page shows data, an empty state or an error, never nothing.
        await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 })
        const text = await page.locator('main').innerText()
        assert.ok(text.trim().length > 20, `${p.path} (${lang}) shows content`)
        assert.equal(
          await page.locator('main [role="alert"]').count(),
          0,
          `${p.path} (${lang}) shows no error`,
        )
        await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${p.name}.png`), fullPage: true })
      }
      assert.deepEqual(consoleErrors, [])
    })
  }

  test('German formats numbers the German way, and the choice survives a reload', async () => {
    await page.goto(`${server.url}/`)
    await page.getByTestId('overview-figures').waitFor()
    const figures = await page.getByTestId('overview-figures').innerText()
    assert.match(figures, /Ereignisse\s+\d{1,3}(\.\d{3})*\n/)
    await page.getByLabel('Sprache').selectOption('en')
    await page.getByRole('navigation').getByText('Overview').waitFor()
  })

  for (const lang of ['de', 'en'] as const) {
    test(`analytics pages draw their charts, and each table view has rows with numbers (${lang})`, async () => {
      await page.getByLabel(lang === 'de' ? 'Language' : 'Sprache').selectOption(lang)
      await page
        .getByRole('navigation')
        .getByText(lang === 'de' ? 'Überblick' : 'Overview')
        .waitFor()
      const showTable = lang === 'de' ? 'Als Tabelle zeigen' : 'Show as table'
      const showChart = lang === 'de' ? 'Als Diagramm zeigen' : 'Show as chart'
      // A number as the locale writes it: German 1.234,5 / English 1,234.5 (percent signs allowed).
      const number = lang === 'de' ? /\d{1,3}(\.\d{3})*(,\d+)?/ : /\d{1,3}(,\d{3})*(\.\d+)?/
      for (const p of ANALYTICS_PAGES) {
        await page.getByRole('navigation').getByRole('link', { name: p[lang], exact: true }).click()
        await page.waitForURL((url) => url.pathname === p.path)
        await page.getByTestId(p.name).waitFor()
        await page
          .locator('.chart svg')
          .nth(p.charts - 1)
          .waitFor({ timeout: 30_000 })
        await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 })
        // Chart panels by their title (a panel shown as a table no longer holds a chart).
        const titles = await page
          .locator('main section.panel:has(> .chart)')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
        assert.ok(
          titles.length >= p.charts,
          `${p.path} (${lang}) draws ${titles.length} charts, expected ≥ ${p.charts}: ${titles.join(' | ')}`,
        )
        await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${p.name}-charts.png`), fullPage: true })
        for (const title of titles) {
          const panel = page.locator(`main section.panel[aria-label=${JSON.stringify(title)}]`)
          await panel.getByRole('button', { name: showTable }).click()
          await panel.locator('tbody tr').first().waitFor()
          assert.match(
            await panel.locator('tbody').innerText(),
            number,
            `${p.path} (${lang}): “${title}” table`,
          )
          await panel.getByRole('button', { name: showChart }).click()
        }
        assert.equal(
          await page.locator('main [role="alert"]').count(),
          0,
          `${p.path} (${lang}) shows no error`,
        )
      }
      assert.deepEqual(consoleErrors, [])
    })
  }

  test('funnel builder: keyboard-operable steps, breakdown by channel and by trait, intervals and time to convert', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Journey', exact: true }).click()
    const builder = page.getByRole('form', { name: 'Funnel builder' })
    await builder.waitFor()
    const result = page.getByTestId('funnel-result')
    await result.locator('.chart svg').first().waitFor({ timeout: 30_000 })
    // Two steps at least; the demo's shop funnel is preselected.
    const steps = builder.getByLabel(/^Step \d$/)
    assert.ok((await steps.count()) >= 2)
    const before = await steps.count()
    await builder.getByRole('button', { name: 'Add step' }).click()
    assert.equal(await steps.count(), before + 1)
    await builder
      .getByRole('button', { name: /^Remove step/ })
      .last()
      .click()
    await builder.getByLabel('Breakdown').selectOption('channel')
    await builder.getByLabel(/^strict/).check()
    // Submit from the keyboard.
    await builder.getByRole('button', { name: 'Show funnel' }).focus()
    await page.keyboard.press('Enter')
    const byGroup = page.getByRole('region', { name: 'Conversion by group (largest groups)' })
    await byGroup.locator('.chart svg').waitFor({ timeout: 30_000 })
    const conversion = page.getByRole('region', { name: /^Conversion from the first step/ })
    await conversion.getByRole('button', { name: 'Show as table' }).click()
    const table = await conversion.locator('tbody').innerText()
    // Every step row carries its Wilson interval as "a % – b %".
    assert.match(table, /\d+(\.\d)?%\s–\s\d+(\.\d)?%/)
    assert.match(await page.locator('main').innerText(), /Median time to convert/)
    await page.screenshot({ path: join(SCREENSHOTS, 'en-journey-funnel-builder.png'), fullPage: true })
    // By an identify trait: the demo's newsletterConsent (a boolean) gives the groups true/false.
    await builder.getByLabel('Breakdown').selectOption('trait')
    await builder.getByLabel('Trait name').fill('newsletterConsent')
    await builder.getByRole('button', { name: 'Show funnel' }).click()
    await byGroup.getByRole('button', { name: 'Show as table' }).click()
    await byGroup.getByRole('cell', { name: 'true', exact: true }).first().waitFor({ timeout: 30_000 })
    assert.deepEqual(consoleErrors, [])
  })

  test('Lifecycle: CLV by trait splits the customers of the CLV model into its values', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Lifecycle', exact: true }).click()
    const form = page.getByRole('form', { name: 'CLV by persona or trait' })
    await form.waitFor({ timeout: 30_000 })
    await form.getByLabel('Breakdown').selectOption('trait')
    await form.getByLabel('Trait name').fill('newsletterConsent')
    await form.getByRole('button', { name: 'Show', exact: true }).click()
    const panel = page.getByRole('region', { name: 'CLV by persona or trait' })
    await panel.getByRole('cell', { name: 'true', exact: true }).first().waitFor({ timeout: 60_000 })
    // The groups partition the model's customers: their counts add up to the model's.
    const counts = await panel
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[1]?.textContent ?? ''))
    const customers = (await page.evaluate(
      `fetch('/api/clv?limit=1').then((r) => r.json()).then((b) => b.customers)`,
    )) as number
    assert.equal(
      counts.reduce((s, c) => s + Number(c.replace(/,/g, '')), 0),
      customers,
      counts.join(' + '),
    )
    await page.screenshot({ path: join(SCREENSHOTS, 'en-lifecycle-clv-by-trait.png'), fullPage: true })
    assert.deepEqual(consoleErrors, [])
  })

  test('touchpoint heatmap switches between score, sentiment and volume', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Touchpoints', exact: true }).click()
    const heatmap = page.getByRole('region', { name: 'Touchpoints across the journey' })
    await heatmap.locator('.chart svg').first().waitFor({ timeout: 30_000 })
    await heatmap.getByLabel('Volume').check()
    await heatmap.getByRole('heading', { name: /^Contacts per touchpoint and stage/ }).waitFor()
    await heatmap.getByLabel('Sentiment').check()
    await heatmap.getByRole('heading', { name: /^Mean comment sentiment/ }).waitFor()
    await heatmap.getByLabel('Score', { exact: true }).check()
    await heatmap.getByLabel('Survey score').selectOption('csat')
    await heatmap.getByRole('heading', { name: /^CSAT per touchpoint and stage/ }).waitFor()
    await heatmap.locator('.chart svg').first().waitFor()
    assert.deepEqual(consoleErrors, [])
  })

  test('Customers: find a demo customer by user id and page through the timeline', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
    await page.getByLabel('Find a customer by any identifier').fill('cust-100000')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByTestId('profile').waitFor()
    assert.match(await page.getByTestId('profile').innerText(), /user_id\s+cust-100000/)
    const rows = page.locator('section[aria-label="Timeline"] tbody tr')
    await rows.first().waitFor()
    const first = await rows.count()
    const more = page.getByRole('button', { name: 'Load older' })
    if (await more.isVisible()) {
      await more.click()
      await rows.nth(first).waitFor()
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'en-customers-profile.png'), fullPage: true })
    const missing = page.getByLabel('Find a customer by any identifier')
    await missing.fill('nobody@nowhere.example')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByText('No customer with the identifier “nobody@nowhere.example”.').waitFor()
    assert.deepEqual(
      consoleErrors.filter((e) => !/status of 404/.test(e)),
      [],
    )
  })

  test('Customers: the 360° profile shows persona, lifecycle state, CLV, responses and cases (en, de)', async () => {
    const errorsBefore = consoleErrors.length
    // A demo customer who bought and answered a survey: the first of the CLV top list with a response.
    const userId = await page.evaluate(`(async () => {
      const get = (p) => fetch(p).then((r) => r.json())
      const from = new Date(Date.now() - 3650 * 86400000).toISOString().slice(0, 10)
      const clv = await get('/api/clv?limit=100')
      for (const c of clv.top) {
        const answers = await get('/api/responses?limit=1&from=' + from + '&person=' + c.personId)
        if (answers.total === 0) continue
        const person = await get('/api/persons/' + c.personId)
        const id = person.identifiers.find((i) => i.kind === 'user_id')
        if (id) return id.value
      }
      return null
    })()`)
    assert.equal(typeof userId, 'string', 'the demo has a buying customer with a survey response')
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
    await page.getByLabel('Find a customer by any identifier').fill(String(userId))
    await page.getByRole('button', { name: 'Search' }).click()
    const profile = page.getByTestId('profile')
    await profile.waitFor()
    await profile.getByTestId('profile-persona').locator('.badge').waitFor({ timeout: 60_000 })
    const lifecycle = profile.getByTestId('profile-lifecycle').locator('.badge')
    await lifecycle.waitFor({ timeout: 60_000 })
    assert.match(await lifecycle.innerText(), /^(new|active|reactivated|at risk|churned)$/)
    const clv = profile.getByTestId('profile-clv')
    await clv.getByText(/P\(alive\) [\d.]+\s?%/).waitFor({ timeout: 60_000 })
    assert.match(await clv.innerText(), /Customer lifetime value\s+[\d,]+/)
    // The recommendations load on their own: wait for them instead of reading "Loading…".
    const recommendations = profile.getByTestId('profile-recommendations')
    await recommendations
      .getByText(/Bought:/)
      .first()
      .waitFor({ timeout: 60_000 })
    assert.match(await recommendations.innerText(), /Bought:/)
    await profile.getByRole('tab', { name: 'Responses' }).click()
    const answers = profile.locator('[data-testid="profile-responses"] tbody tr')
    await answers.first().waitFor()
    assert.match(await answers.first().innerText(), /NPS|CSAT|CES/)
    await profile.getByRole('tab', { name: 'Cases' }).click()
    await profile
      .getByTestId('profile-cases')
      .getByText(/Open case|No cases for this customer\./)
      .first()
      .waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'en-customers-360.png'), fullPage: true })
    // The same profile in German: persona texts from the server, states and labels from the UI.
    await page.getByLabel('Language').selectOption('de')
    await profile.getByRole('tab', { name: 'Antworten' }).click()
    await profile.locator('[data-testid="profile-responses"] tbody tr').first().waitFor()
    const header = await profile.locator('.cards').first().innerText()
    assert.match(header, /Lebenszyklus\s+(neu|aktiv|reaktiviert|gefährdet|abgewandert)/)
    assert.match(header, /Kundenwert \(CLV\)\s+[\d.]+\s+P\(aktiv\) [\d,]+\s%/)
    assert.match(header, /Persona/)
    await page.screenshot({ path: join(SCREENSHOTS, 'de-customers-360.png'), fullPage: true })
    await page.getByLabel('Sprache').selectOption('en')
    await page.getByRole('navigation').getByText('Overview').waitFor()
    assert.deepEqual(consoleErrors.slice(errorsBefore), [])
  })

  test('Settings shows the write key prefix and the Segment snippet; logout returns to the login', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
    await page.getByText('Website (analytics.js)').waitFor()
    const text = await page.locator('main').innerText()
    assert.match(text, /tsw_/)
    assert.match(text, /analytics\.load\("tsw_/)
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Touchstone' }).waitFor()
    const session = await page.evaluate('fetch("/api/session").then((r) => r.status)')
    assert.equal(session, 401)
  })
})
