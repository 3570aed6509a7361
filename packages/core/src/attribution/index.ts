// Public API of multi-touch attribution: heuristic models and Markov-chain removal effects.
export { toChannelAttribution } from './conversion-path.ts'
export type { ChannelAttribution, ConversionPath, PathTouchpoint } from './conversion-path.ts'
export {
  HEURISTIC_MODELS,
  heuristicAttribution,
  heuristicAttributions,
  touchpointWeights,
} from './heuristic-attribution.ts'
export type { HeuristicModel, HeuristicOptions } from './heuristic-attribution.ts'
export { buildMarkovChain, conversionProbability, transitionProbabilities } from './markov-chain.ts'
export type { MarkovChain, MarkovChainOptions } from './markov-chain.ts'
export { markovAttribution } from './markov-attribution.ts'
export { pathSetSize, toPathSet } from './path-set.ts'
export type { PathSet } from './path-set.ts'
export type { MarkovAttribution, RemovalEffect } from './markov-attribution.ts'
