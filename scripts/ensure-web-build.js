#!/usr/bin/env node
// Builds the dashboard (packages/web → packages/web/dist) when dist is missing or older than any
// of its sources, so `npm start` on a fresh clone serves a current dashboard. Takes ~10 s when
// it builds, a few milliseconds when dist is current. `--force` always builds.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const web = join(root, 'packages', 'web')
const marker = join(web, 'dist', 'index.html')

function newest(path) {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  let max = info.mtimeMs
  for (const name of readdirSync(path))
    if (name !== 'node_modules' && name !== 'dist') max = Math.max(max, newest(join(path, name)))
  return max
}

const sources = Math.max(
  newest(join(web, 'src')),
  newest(join(web, 'index.html')),
  newest(join(web, 'vite.config.ts')),
  newest(join(web, 'package.json')),
)
const built = statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? 0
if (!process.argv.includes('--force') && built >= sources) process.exit(0)

console.log(built === 0 ? 'Building the dashboard (first start)…' : 'Dashboard sources changed: rebuilding…')
const started = Date.now()
const vite = join(
  dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')),
  'bin',
  'vite.js',
)
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
})
if (result.status !== 0) {
  console.error('Building the dashboard failed; the server still starts and / explains what is missing.')
  process.exit(process.argv.includes('--strict') ? 1 : 0)
}
console.log(`Dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
