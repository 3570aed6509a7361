#!/usr/bin/env node
// Runs every *.test.ts below the given folders (default: packages, e2e) with Node's own test
// runner, TypeScript loaded through tsx. Node 20's runner does not expand globs itself, so
// the file list is built here. Extra arguments after `--` go to `node --test`.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const sep = process.argv.indexOf('--')
const roots = (sep === -1 ? process.argv.slice(2) : process.argv.slice(2, sep)).filter(Boolean)
const extra = sep === -1 ? [] : process.argv.slice(sep + 1)
const skip = new Set(['node_modules', 'data', 'dist', '.git'])

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.ts')) out.push(relative(process.cwd(), path))
  }
  return out
}

const files = (roots.length ? roots : ['packages', 'e2e'])
  .flatMap((root) => (statSync(root, { throwIfNoEntry: false }) ? collect(root, []) : []))
  .sort()
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2'
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...extra, ...files],
  { stdio: 'inherit' },
)
process.exit(result.status ?? 1)
