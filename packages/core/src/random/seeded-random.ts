import { Random } from './random.ts'

/**
 * A small seeded pseudo-random generator, so that every model in the core package that needs
 * randomness (k-means++ seeding, sampling, synthetic benchmark data) is reproducible from a seed
 * and never touches `Math.random`.
 *
 * The generator is the mulberry32 of random.ts; this interface adds what the models need on top
 * (a cached second Box–Muller deviate, weighted draws that refuse all-zero weights, shuffles).
 */
export interface SeededRandom {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  /** Standard normal deviate (Box–Muller transform). */
  normal(): number
  /** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weighted(weights: readonly number[]): number
  /** A new array with the items of `items` in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[]
}

/** Creates a reproducible random source from an integer seed (mulberry32). */
export function seededRandom(seed: number): SeededRandom {
  const generator = new Random(seed)
  let spareNormal: number | undefined

  const next = (): number => generator.next()

  const int = (n: number): number => Math.floor(next() * n)

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal
      spareNormal = undefined
      return value
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()))
    const angle = 2 * Math.PI * next()
    spareNormal = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }

  const weighted = (weights: readonly number[]): number => {
    let total = 0
    for (const w of weights) total += w
    if (!(total > 0)) throw new RangeError('weighted(): weights must contain a positive value')
    let target = next() * total
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] ?? 0
      if (target < 0) return i
    }
    // Floating-point rounding can leave a tiny remainder: fall back to the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i
    return weights.length - 1
  }

  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1)
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }

  return { next, int, normal, weighted, shuffle }
}
