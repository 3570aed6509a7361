import { test } from 'node:test'
import assert from 'node:assert/strict'
import { principalComponents } from './principal-components.ts'

test('recovers a known principal axis (0.6, 0.8) with variances 2.5 and 0.25', () => {
  // Points t·u + s·w with u = (0.6, 0.8), w = (−0.8, 0.6), t ∈ {−2,−1,1,2}, s ∈ {−0.5, 0.5}:
  // t and s are uncorrelated over the grid, var(t) = (4+1+1+4)/4 = 2.5, var(s) = 0.25.
  const points: number[][] = []
  for (const t of [-2, -1, 1, 2])
    for (const s of [-0.5, 0.5]) points.push([0.6 * t - 0.8 * s, 0.8 * t + 0.6 * s])
  const pca = principalComponents(points)
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`)
  close(pca.axes[0]![0]!, 0.6)
  close(pca.axes[0]![1]!, 0.8)
  // Second axis ±(−0.8, 0.6), signed so that its largest component is positive: (0.8, −0.6).
  close(pca.axes[1]![0]!, 0.8)
  close(pca.axes[1]![1]!, -0.6)
  close(pca.variances[0]!, 2.5)
  close(pca.variances[1]!, 0.25)
  close(pca.explainedRatio[0]!, 2.5 / 2.75)
  // The projection gives back (t, −s).
  close(pca.projection[0]![0]!, -2)
  close(pca.projection[0]![1]!, 0.5)
  close(pca.projection[7]![0]!, 2)
  close(pca.projection[7]![1]!, -0.5)
})

test('3-D data on a line along (1, 2, 2)/3 has one non-zero component', () => {
  const points = [-3, -1, 0, 2, 5].map((t) => [t / 3, (2 * t) / 3, (2 * t) / 3])
  const pca = principalComponents(points)
  ;[1 / 3, 2 / 3, 2 / 3].forEach((v, i) => assert.ok(Math.abs(pca.axes[0]![i]! - v) < 1e-9))
  // var(t) for t = −3,−1,0,2,5: mean 0.6, Σt² = 39 ⇒ 39/5 − 0.36 = 7.44.
  assert.ok(Math.abs(pca.variances[0]! - 7.44) < 1e-9)
  assert.ok(pca.variances[1]! < 1e-9)
})
