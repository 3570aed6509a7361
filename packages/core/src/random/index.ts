// Public entry of @touchstone/core/random: seeded, reproducible randomness (never Math.random).
export { Random, streamSeed } from './random.ts'
export { seededRandom } from './seeded-random.ts'
export type { SeededRandom } from './seeded-random.ts'
