import { test } from 'node:test'
import assert from 'node:assert/strict'
import { seededRandom } from './seeded-random.ts'

test('the same seed gives the same sequence, another seed a different one', () => {
  const a = seededRandom(42)
  const b = seededRandom(42)
  const c = seededRandom(43)
  const seqA = Array.from({ length: 20 }, () => a.next())
  const seqB = Array.from({ length: 20 }, () => b.next())
  const seqC = Array.from({ length: 20 }, () => c.next())
  assert.deepEqual(seqA, seqB)
  assert.notDeepEqual(seqA, seqC)
})

test('next() stays in [0, 1) with mean near 1/2 and variance near 1/12', () => {
  const random = seededRandom(7)
  const n = 100_000
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < n; i++) {
    const x = random.next()
    assert.ok(x >= 0 && x < 1)
    sum += x
    sumSq += x * x
  }
  const mean = sum / n
  // Standard error of the mean of U(0,1) with n = 1e5 is 0.00091: five of them is 0.0046.
  assert.ok(Math.abs(mean - 0.5) < 0.005)
  assert.ok(Math.abs(sumSq / n - mean * mean - 1 / 12) < 0.003)
})

test('normal() has mean 0 and standard deviation 1', () => {
  const random = seededRandom(11)
  const n = 100_000
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < n; i++) {
    const x = random.normal()
    sum += x
    sumSq += x * x
  }
  assert.ok(Math.abs(sum / n) < 0.02)
  assert.ok(Math.abs(Math.sqrt(sumSq / n) - 1) < 0.02)
})

test('weighted() follows the weights and never picks a zero weight', () => {
  const random = seededRandom(3)
  const counts = [0, 0, 0]
  for (let i = 0; i < 30_000; i++) counts[random.weighted([1, 0, 3])]!++
  assert.equal(counts[1], 0)
  assert.ok(Math.abs(counts[2]! / 30_000 - 0.75) < 0.02)
})

test('shuffle() is a permutation', () => {
  const random = seededRandom(5)
  const shuffled = random.shuffle([1, 2, 3, 4, 5, 6])
  assert.deepEqual(
    shuffled.slice().sort((x, y) => x - y),
    [1, 2, 3, 4, 5, 6],
  )
})
