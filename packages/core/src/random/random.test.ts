import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Random, streamSeed } from './random.ts'

test('the same seed gives the same sequence, independent streams differ', () => {
  const a = new Random(1)
  const b = new Random(1)
  for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next())
  assert.notEqual(streamSeed(42, 0), streamSeed(42, 1))
  assert.notEqual(streamSeed(42, 0), streamSeed(43, 0))
})

test('distributions have their textbook means', () => {
  const rng = new Random(5)
  const mean = (draw: () => number): number => {
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += draw()
    return sum / 20_000
  }
  assert.ok(Math.abs(mean(() => rng.gamma(2, 1.5)) - 3) < 0.1)
  assert.ok(Math.abs(mean(() => rng.gamma(0.5, 2)) - 1) < 0.05)
  assert.ok(Math.abs(mean(() => rng.beta(2, 6)) - 0.25) < 0.01)
  assert.ok(Math.abs(mean(() => rng.poisson(3.5)) - 3.5) < 0.08)
  assert.ok(Math.abs(mean(() => rng.poisson(80)) - 80) < 0.5)
  assert.ok(Math.abs(mean(() => rng.exponential(4)) - 4) < 0.15)
})

test('uuids look like version 4 UUIDs', () => {
  const rng = new Random(9)
  for (let i = 0; i < 50; i++)
    assert.match(rng.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})
