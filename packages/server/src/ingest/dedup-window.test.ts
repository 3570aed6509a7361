import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DedupWindow } from './dedup-window.ts'

test('ids become written once their write succeeds, and are forgotten if it fails', async () => {
  const window = new DedupWindow()
  let ok: () => void = () => {}
  const write = new Promise<void>((r) => (ok = r))
  window.track('w', ['m1'], write, 0)
  assert.equal(window.check('w', 'm1'), write, 'a retry racing the write waits for it')
  assert.equal(window.check('other', 'm1'), 'new', 'workspaces are separate')
  ok()
  await write
  assert.equal(window.check('w', 'm1'), 'written')

  const failing = Promise.reject(new Error('x'))
  window.track('w', ['m2'], failing, 0)
  await failing.catch(() => {})
  await new Promise((r) => setImmediate(r))
  assert.equal(window.check('w', 'm2'), 'new', 'a failed write must not swallow the retry')
})

test('the window forgets ids older than its span or beyond its size, oldest first', async () => {
  const window = new DedupWindow({ windowMs: 1000, maxIds: 2 })
  window.remember('w', 'old', 0)
  window.remember('w', 'mid', 500)
  const write = Promise.resolve()
  window.track('w', ['new'], write, 1200)
  await write
  await new Promise((r) => setImmediate(r))
  assert.equal(window.check('w', 'old'), 'new', 'older than 1 s')
  assert.equal(window.check('w', 'mid'), 'written')
  assert.equal(window.check('w', 'new'), 'written')
  assert.equal(window.size, 2)
})
