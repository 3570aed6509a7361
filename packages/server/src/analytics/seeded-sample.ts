import { seededRandom } from '@touchstone/core/random'

/** Indices 0..n−1, or a seeded random subset of `size` of them in ascending order. */
export function seededSample(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i)
  if (n <= size) return all
  return seededRandom(seed)
    .shuffle(all)
    .slice(0, size)
    .sort((a, b) => a - b)
}
