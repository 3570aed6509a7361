import { test } from 'node:test'
import assert from 'node:assert/strict'
import { relativeWeights } from './relative-weights.ts'
import { shapleyRegression } from './shapley-regression.ts'
import { driverCorrelations } from './driver-correlations.ts'
import type { DriverImportance } from './driver-correlations.ts'

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`)
const weightOf = (result: DriverImportance, driver: string) =>
  result.weights.find((w) => w.driver === driver)!

for (const [name, method] of [
  ['relativeWeights (Johnson 2000)', relativeWeights],
  ['shapleyRegression (LMG)', shapleyRegression],
] as const) {
  test(`${name}: uncorrelated drivers get their squared correlations`, () => {
    // With R = I the regression weights are the correlations and R² = Σ r²: 0.25 + 0.09 + 0.01.
    const result = method({
      names: ['wait time', 'friendliness', 'price'],
      predictorCorrelations: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      outcomeCorrelations: [0.5, -0.3, 0.1],
    })
    close(result.rSquared, 0.35)
    assert.deepEqual(
      result.weights.map((w) => w.driver),
      ['wait time', 'friendliness', 'price'],
    )
    close(weightOf(result, 'wait time').rawWeight, 0.25)
    close(weightOf(result, 'friendliness').rawWeight, 0.09)
    close(weightOf(result, 'price').rawWeight, 0.01)
    close(weightOf(result, 'wait time').share, 0.25 / 0.35)
    close(weightOf(result, 'price').share, 0.01 / 0.35)
  })

  test(`${name}: two correlated drivers match the closed form`, () => {
    // r12 = 0.5, r1y = 0.6, r2y = 0.4: R² = (r1² + r2² − 2 r1 r2 r12) / (1 − r12²) = 0.28 / 0.75.
    // LMG: w1 = (r1² + (R² − r2²)) / 2 = 0.2866667, w2 = (r2² + (R² − r1²)) / 2 = 0.0866667.
    // Johnson: R^{1/2} = [[cos15°, sin15°], [sin15°, cos15°]] (eigenvalues 1 ± 0.5), which gives
    // the same two numbers — with two drivers both methods coincide.
    const result = method({
      names: ['x1', 'x2'],
      predictorCorrelations: [
        [1, 0.5],
        [0.5, 1],
      ],
      outcomeCorrelations: [0.6, 0.4],
    })
    close(result.rSquared, 0.28 / 0.75)
    close(weightOf(result, 'x1').rawWeight, (0.36 + 0.28 / 0.75 - 0.16) / 2)
    close(weightOf(result, 'x2').rawWeight, (0.16 + 0.28 / 0.75 - 0.36) / 2)
    close(weightOf(result, 'x1').share + weightOf(result, 'x2').share, 1)
  })

  test(`${name}: from raw data, y = 2·x1 + x2 with orthogonal x1, x2 gives 0.8 / 0.2`, () => {
    const rows = [
      [1, 1],
      [-1, 1],
      [1, -1],
      [-1, -1],
    ]
    const y = rows.map(([a, b]) => 2 * a! + b!)
    const result = method(driverCorrelations(['x1', 'x2'], rows, y))
    close(result.rSquared, 1)
    close(weightOf(result, 'x1').rawWeight, 0.8)
    close(weightOf(result, 'x2').rawWeight, 0.2)
  })
}

test('three correlated drivers: Johnson and LMG differ slightly, both sum to R²', () => {
  // R = [[1,.3,.5],[.3,1,.2],[.5,.2,1]], r_y = (.5,.4,.45). Reference values computed
  // independently with numpy (eigh for R^{1/2}; lstsq over all 8 subsets for LMG).
  const input = {
    names: ['a', 'b', 'c'],
    predictorCorrelations: [
      [1, 0.3, 0.5],
      [0.3, 1, 0.2],
      [0.5, 0.2, 1],
    ],
    outcomeCorrelations: [0.5, 0.4, 0.45],
  }
  const johnson = relativeWeights(input)
  const lmg = shapleyRegression(input)
  close(johnson.rSquared, 0.36511029411764706)
  close(lmg.rSquared, 0.36511029411764706)
  close(weightOf(johnson, 'a').rawWeight, 0.14502724983861212)
  close(weightOf(johnson, 'b').rawWeight, 0.10399970364451229)
  close(weightOf(johnson, 'c').rawWeight, 0.11608334063452266)
  close(weightOf(lmg, 'a').rawWeight, 0.1474211511527688)
  close(weightOf(lmg, 'b').rawWeight, 0.10205656781943548)
  close(weightOf(lmg, 'c').rawWeight, 0.1156325751454428)
})

test('driverCorrelations: Pearson correlations by hand, constant column gives 0', () => {
  // x2 centred (.5,−.5,.5,−.5), y centred (−3,−1,1,3): Σ = −2, norms 1 and √20 ⇒ −1/√5.
  const c = driverCorrelations(
    ['x1', 'x2', 'flat'],
    [
      [1, 1, 3],
      [2, 0, 3],
      [3, 1, 3],
      [4, 0, 3],
    ],
    [2, 4, 6, 8],
  )
  close(c.outcomeCorrelations[0]!, 1)
  close(c.outcomeCorrelations[1]!, -1 / Math.sqrt(5))
  close(c.outcomeCorrelations[2]!, 0)
  close(c.predictorCorrelations[0]![1]!, -1 / Math.sqrt(5))
  close(c.predictorCorrelations[2]![2]!, 1)
})
