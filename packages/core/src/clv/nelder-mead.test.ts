import assert from 'node:assert/strict'
import { test } from 'node:test'
import { minimizeNelderMead } from './nelder-mead.ts'

test('Nelder–Mead finds the minimum of the Rosenbrock function at (1, 1)', () => {
  const rosenbrock = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2
  const result = minimizeNelderMead(rosenbrock, [-1.2, 1])
  assert.ok(result.converged)
  assert.ok(Math.abs(result.x[0]! - 1) < 1e-5 && Math.abs(result.x[1]! - 1) < 1e-5, `${result.x}`)
})

test('Nelder–Mead minimises a 4-D quadratic and treats NaN as +∞', () => {
  const centre = [0.3, -2, 5, 1]
  const f = (x: number[]) =>
    x[0]! < -10 ? NaN : x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]!) ** 2, 0)
  const result = minimizeNelderMead(f, [0, 0, 0, 0])
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(result.x[i]! - centre[i]!) < 1e-6)
  assert.ok(result.value < 1e-10)
})
