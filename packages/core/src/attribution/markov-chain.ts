import type { ConversionPath } from './conversion-path.ts'
import { isPathSet, pathSetSize, toPathSet, type PathSet } from './path-set.ts'
import { solveLinearSystem } from '../linear-algebra/solve-linear-system.ts'

/**
 * The first-order Markov chain of Anderl, Becker, von Wangenheim & Schumann (2016), "Mapping
 * the customer journey: Lessons learned from graph-based online attribution modeling",
 * IJRM 33(3): states `start → channels → conversion | null`, transition probabilities
 * estimated from how often one state followed another in the observed paths. Conversion and
 * null absorb; every path contributes start → first channel → … → last channel → conversion
 * (if it converted) or null (if it did not).
 */
export interface MarkovChain {
  /** Channel names, sorted; channel i is state i + 1. */
  channels: string[]
  /**
   * Transition counts between states: index 0 is start, 1..channels.length the channels,
   * channels.length + 1 conversion, channels.length + 2 null.
   */
  counts: number[][]
}

export interface MarkovChainOptions {
  /**
   * Merge immediate repeats of the same channel (`email > email > web` → `email > web`),
   * which removes self-loops. Off by default: the chain then sees the path as observed.
   * @default false
   */
  collapseRepeats?: boolean
}

/** Estimates the transition counts of the attribution chain from conversion paths. */
export function buildMarkovChain(
  paths: readonly ConversionPath[] | PathSet,
  options: MarkovChainOptions = {},
): MarkovChain {
  const set = isPathSet(paths) ? paths : toPathSet(paths)
  const collapse = options.collapseRepeats ?? false
  // States are numbered by sorted channel name; `state` maps the set's channel ids to them.
  const used = new Uint8Array(set.channels.length)
  for (let p = 0; p < pathSetSize(set); p++) {
    for (let i = set.start[p]!; i < set.start[p + 1]!; i++) used[set.channel[i]!] = 1
  }
  const channels = set.channels.filter((_, id) => used[id]).sort()
  const index = new Map(channels.map((c, i) => [c, i + 1]))
  const state = set.channels.map((c) => index.get(c) ?? -1)
  const size = channels.length + 3
  const conversion = channels.length + 1
  const nul = channels.length + 2
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0))
  for (let p = 0; p < pathSetSize(set); p++) {
    const from0 = set.start[p]!
    const end = set.start[p + 1]!
    if (end === from0) continue
    const count = set.count[p]!
    let from = 0
    for (let i = from0; i < end; i++) {
      const to = state[set.channel[i]!]!
      if (collapse && to === from) continue
      counts[from]![to]! += count
      from = to
    }
    counts[from]![set.converted[p] ? conversion : nul]! += count
  }
  return { channels, counts }
}

/**
 * The probability of reaching conversion from start, with the `removed` channels taken out of
 * the chain (every transition into a removed channel goes to null instead, as in Anderl et al.).
 * Solved exactly: for transient states T, p = Q p + r ⇔ (I − Q) p = r, where Q holds the
 * transition probabilities within T and r those into conversion (Kemeny & Snell 1960,
 * absorbing chains).
 */
export function conversionProbability(chain: MarkovChain, removed: ReadonlySet<string> = new Set()): number {
  const n = chain.channels.length
  const conversion = n + 1
  // Transient states that stay in the chain: start plus every channel not removed.
  const kept = [0]
  chain.channels.forEach((c, i) => {
    if (!removed.has(c)) kept.push(i + 1)
  })
  const position = new Map(kept.map((state, i) => [state, i]))
  const a = kept.map(() => new Array<number>(kept.length).fill(0))
  const b = new Array<number>(kept.length).fill(0)
  kept.forEach((state, i) => {
    const row = chain.counts[state]!
    let total = 0
    for (const c of row) total += c
    a[i]![i] = 1
    // A state with no outgoing transitions (start, when there are no paths) never converts.
    if (total === 0) return
    for (let to = 0; to < row.length; to++) {
      const p = row[to]! / total
      if (p === 0) continue
      if (to === conversion) b[i]! += p
      else {
        const j = position.get(to)
        if (j !== undefined) a[i]![j]! -= p
      }
    }
  })
  return solveLinearSystem(a, b)[0] as number
}

/** Row-normalised transition probabilities keyed by state name ('(start)', '(conversion)', '(null)'). */
export function transitionProbabilities(chain: MarkovChain): Map<string, Map<string, number>> {
  const names = ['(start)', ...chain.channels, '(conversion)', '(null)']
  const out = new Map<string, Map<string, number>>()
  chain.counts.forEach((row, from) => {
    let total = 0
    for (const c of row) total += c
    if (total === 0) return
    const next = new Map<string, number>()
    row.forEach((c, to) => {
      if (c > 0) next.set(names[to] as string, c / total)
    })
    out.set(names[from] as string, next)
  })
  return out
}
