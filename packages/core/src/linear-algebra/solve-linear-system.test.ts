import { test } from 'node:test'
import assert from 'node:assert/strict'
import { solveLinearSystem } from './solve-linear-system.ts'

test('solves a 3×3 system that needs pivoting', () => {
  // 0·x + 2y + z = 7, x + y + z = 6, 2x + y − z = 1 ⇒ x = 1, y = 2, z = 3.
  const x = solveLinearSystem(
    [
      [0, 2, 1],
      [1, 1, 1],
      [2, 1, -1],
    ],
    [7, 6, 1],
  )
  ;[1, 2, 3].forEach((v, i) => assert.ok(Math.abs(x[i]! - v) < 1e-12))
})

test('rejects a singular matrix', () => {
  assert.throws(
    () =>
      solveLinearSystem(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    RangeError,
  )
})
