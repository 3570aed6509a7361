import { test } from 'node:test'
import assert from 'node:assert/strict'
import { symmetricEigen } from './symmetric-eigen.ts'

const close = (a: number, b: number, eps = 1e-10) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`)

test('2×2 [[2,1],[1,2]] has eigenvalues 3 and 1 with vectors (1,1)/√2 and (1,−1)/√2', () => {
  const { values, vectors } = symmetricEigen([
    [2, 1],
    [1, 2],
  ])
  close(values[0]!, 3)
  close(values[1]!, 1)
  close(Math.abs(vectors[0]![0]!), Math.SQRT1_2)
  close(vectors[0]![0]!, vectors[1]![0]!)
  close(vectors[0]![1]!, -vectors[1]![1]!)
})

test('3×3 tridiagonal [[2,−1,0],[−1,2,−1],[0,−1,2]] has eigenvalues 2+√2, 2, 2−√2', () => {
  // Eigenvalues of the second-difference matrix: 2 − 2cos(kπ/4), k = 1..3.
  const m = [
    [2, -1, 0],
    [-1, 2, -1],
    [0, -1, 2],
  ]
  const { values, vectors } = symmetricEigen(m)
  close(values[0]!, 2 + Math.SQRT2)
  close(values[1]!, 2)
  close(values[2]!, 2 - Math.SQRT2)
  // The middle eigenvector is (1, 0, −1)/√2.
  close(Math.abs(vectors[0]![1]!), Math.SQRT1_2)
  close(vectors[1]![1]!, 0)
  // Reconstruction V Λ Vᵀ = A.
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0
      for (let k = 0; k < 3; k++) sum += vectors[i]![k]! * values[k]! * vectors[j]![k]!
      close(sum, m[i]![j]!)
    }
  }
})

test('rejects a non-symmetric matrix', () => {
  assert.throws(
    () =>
      symmetricEigen([
        [1, 2],
        [0, 1],
      ]),
    RangeError,
  )
})
