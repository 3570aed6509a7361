/** Options of the Nelder–Mead minimiser. */
export interface NelderMeadOptions {
  /** Side of the first simplex, in the units of the parameters. @default 0.5 */
  initialStep?: number
  /** Stop when the function values of the simplex differ by less than this. @default 1e-10 */
  functionTolerance?: number
  /** …and its vertices by less than this in every coordinate. @default 1e-8 */
  parameterTolerance?: number
  /** Budget of function evaluations over all restarts. @default 20000 */
  maxEvaluations?: number
  /** Most restarts from the best point after convergence. @default 5 */
  maxRestarts?: number
}

/** Result of a minimisation. */
export interface MinimizeResult {
  x: number[]
  value: number
  evaluations: number
  /** True when the last run converged and a restart found no better point. */
  converged: boolean
  restarts: number
}

/**
 * Minimises `f` by the Nelder–Mead simplex method with the dimension-adaptive coefficients of
 * Gao & Han (2012, Computational Optimization and Applications 51), which avoid the stalls of the
 * classic coefficients. Nelder–Mead can stop on a degenerate simplex short of the minimum
 * (McKinnon 1998), so after each convergence it restarts with a fresh simplex around the best
 * point, until a restart no longer improves the value. Non-finite values count as +∞, so the
 * objective may return NaN outside its domain.
 */
export function minimizeNelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const step = options.initialStep ?? 0.5
  const fTol = options.functionTolerance ?? 1e-10
  const xTol = options.parameterTolerance ?? 1e-8
  const maxEvaluations = options.maxEvaluations ?? 20_000
  const maxRestarts = options.maxRestarts ?? 5
  let evaluations = 0
  const evaluate = (x: number[]) => {
    evaluations++
    const value = f(x)
    return Number.isFinite(value) ? value : Infinity
  }

  let best = { x: [...start], value: evaluate([...start]) }
  let restarts = 0
  let converged = false
  for (;;) {
    const run = simplexRun(evaluate, best.x, best.value, step, fTol, xTol, () => evaluations < maxEvaluations)
    const improvement = best.value - run.value
    if (run.value <= best.value) best = { x: run.x, value: run.value }
    converged = run.converged && improvement <= fTol * Math.max(1, Math.abs(best.value))
    if (converged || restarts >= maxRestarts || evaluations >= maxEvaluations) break
    restarts++
  }
  return { x: best.x, value: best.value, evaluations, converged, restarts }
}

function simplexRun(
  evaluate: (x: number[]) => number,
  start: number[],
  startValue: number,
  step: number,
  fTol: number,
  xTol: number,
  withinBudget: () => boolean,
): { x: number[]; value: number; converged: boolean } {
  const n = start.length
  const alpha = 1
  const beta = 1 + 2 / n
  const gamma = 0.75 - 1 / (2 * n)
  const delta = 1 - 1 / n
  const points: number[][] = [start.slice()]
  const values: number[] = [startValue]
  for (let i = 0; i < n; i++) {
    const p = start.slice()
    p[i]! += step
    points.push(p)
    values.push(evaluate(p))
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i)
  const centroid = new Array<number>(n)
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i]! - v))

  while (withinBudget()) {
    order.sort((i, j) => values[i]! - values[j]!)
    const bestIndex = order[0]!
    const worstIndex = order[n]!
    const bestValue = values[bestIndex]!
    if (isConverged(points, values, order, fTol, xTol)) {
      return { x: points[bestIndex]!.slice(), value: bestValue, converged: true }
    }
    centroid.fill(0)
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!
      for (let i = 0; i < n; i++) centroid[i]! += p[i]! / n
    }
    const worst = points[worstIndex]!
    const secondWorstValue = values[order[n - 1]!]!
    const reflected = along(centroid, worst, -alpha)
    const fr = evaluate(reflected)
    if (fr < bestValue) {
      const expanded = along(centroid, worst, -alpha * beta)
      const fe = evaluate(expanded)
      if (fe < fr) replace(expanded, fe)
      else replace(reflected, fr)
    } else if (fr < secondWorstValue) {
      replace(reflected, fr)
    } else {
      // Outside contraction when the reflection helped a little, inside contraction otherwise.
      const outside = fr < values[worstIndex]!
      const contracted = outside ? along(centroid, worst, -alpha * gamma) : along(centroid, worst, gamma)
      const fc = evaluate(contracted)
      if (fc < (outside ? fr : values[worstIndex]!)) {
        replace(contracted, fc)
      } else {
        const bestPoint = points[bestIndex]!
        for (const k of order.slice(1)) {
          points[k] = along(bestPoint, points[k]!, delta)
          values[k] = evaluate(points[k]!)
        }
      }
    }
    function replace(point: number[], value: number) {
      points[worstIndex] = point
      values[worstIndex] = value
    }
  }
  order.sort((i, j) => values[i]! - values[j]!)
  return { x: points[order[0]!]!.slice(), value: values[order[0]!]!, converged: false }
}

function isConverged(
  points: number[][],
  values: number[],
  order: number[],
  fTol: number,
  xTol: number,
): boolean {
  const best = points[order[0]!]!
  const bestValue = values[order[0]!]!
  for (let k = 1; k < order.length; k++) {
    const index = order[k]!
    if (!(Math.abs(values[index]! - bestValue) <= fTol * Math.max(1, Math.abs(bestValue)))) return false
    const p = points[index]!
    for (let i = 0; i < p.length; i++) if (Math.abs(p[i]! - best[i]!) > xTol) return false
  }
  return true
}
