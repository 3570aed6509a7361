import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'packages', 'web', 'dist')
/** Issue 5: initial JavaScript ≤ 300 KB gzip (route-level code splitting does the rest). */
const BUDGET = 300 * 1024

test('the dashboard’s initial JavaScript stays within 300 KB gzip', () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-web-build.js'), '--strict'], {
    encoding: 'utf8',
  })
  assert.equal(build.status, 0, build.stdout + build.stderr)
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  // What the browser loads before any route: the entry script, its modulepreloads and the CSS.
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  )
  assert.ok(
    assets.some((a) => a.endsWith('.js')),
    `no entry script in index.html:\n${html}`,
  )
  const sizes = assets.map((a) => ({ asset: a, gzip: gzipSync(readFileSync(join(DIST, a))).length }))
  const js = sizes.filter((s) => s.asset.endsWith('.js')).reduce((sum, s) => sum + s.gzip, 0)
  for (const s of sizes) console.log(`  ${s.asset}: ${(s.gzip / 1024).toFixed(1)} KB gzip`)
  console.log(`initial JavaScript: ${(js / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`)
  assert.ok(js <= BUDGET, `initial JavaScript is ${(js / 1024).toFixed(1)} KB gzip`)
})
