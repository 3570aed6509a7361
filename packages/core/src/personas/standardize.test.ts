import { test } from 'node:test'
import assert from 'node:assert/strict'
import { standardize } from './standardize.ts'

test('z-scores use the population standard deviation; a constant column gives 0', () => {
  // Column 1: mean 2, sd √(2/3) ⇒ z = ∓√(3/2). Column 2 is constant.
  const { rows, means, sds } = standardize([
    [1, 5],
    [2, 5],
    [3, 5],
  ])
  assert.deepEqual(means, [2, 5])
  assert.ok(Math.abs(sds[0]! - Math.sqrt(2 / 3)) < 1e-12)
  assert.equal(sds[1], 0)
  const r = Math.sqrt(1.5)
  ;[-r, 0, r].forEach((v, i) => assert.ok(Math.abs(rows[i]![0]! - v) < 1e-12))
  assert.deepEqual(
    rows.map((row) => row[1]),
    [0, 0, 0],
  )
})

test('no rows, no columns', () => {
  assert.deepEqual(standardize([]), { rows: [], means: [], sds: [] })
})
