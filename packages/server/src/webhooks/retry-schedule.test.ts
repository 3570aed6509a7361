import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './retry-schedule.ts'

test('retries back off from 30 s by ×3 to a 6 h cap, then give up after 8 attempts', () => {
  const mid = () => 0.5
  const minutes = [1, 2, 3, 4, 5, 6, 7].map((a) => retryDelayMs(a, mid)! / 60_000)
  assert.deepEqual(minutes, [0.5, 1.5, 4.5, 13.5, 40.5, 121.5, 360])
  assert.equal(retryDelayMs(MAX_DELIVERY_ATTEMPTS, mid), null)
  assert.equal(
    retryDelayMs(1, () => 0),
    24_000,
  )
  assert.equal(
    retryDelayMs(1, () => 0.999999),
    36_000,
  )
})
