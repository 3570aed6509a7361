import type { SankeyDiagram } from './stage-flow.ts'

/** One aggregated step of the paths: at position `step`, `count` persons went source → target. */
export interface PathLink {
  /** 0 = from the anchor event to the first event after (or before) it. */
  step: number
  source: string
  target: string
  count: number
}

/** Options of pathSankey. */
export interface PathSankeyOptions {
  /** Keep this many most frequent nodes per position; the rest become "Other". @default 8 */
  nodesPerStep?: number
}

/** Label of the folded rare nodes. */
export const OTHER_NODE = 'Other'

/**
 * Turns path links into an acyclic Sankey: a node is a name at a position (`2 · Cart Viewed`),
 * so a path that returns to an event still flows left to right. Per position only the most
 * frequent nodes are kept (by the flow into them) and the rest fold into "Other", which keeps
 * the diagram readable.
 */
export function pathSankey(links: readonly PathLink[], options: PathSankeyOptions = {}): SankeyDiagram {
  const keep = options.nodesPerStep ?? 8
  // Flow into each node per position; position 0 of the source side is the anchor.
  const inflow = new Map<number, Map<string, number>>()
  for (const l of links) {
    const pos = l.step + 1
    const m = inflow.get(pos) ?? new Map<string, number>()
    m.set(l.target, (m.get(l.target) ?? 0) + l.count)
    inflow.set(pos, m)
  }
  const kept = new Map<number, Set<string>>()
  for (const [pos, m] of inflow) {
    const top = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep)
    kept.set(pos, new Set(top.map(([name]) => name)))
  }
  const label = (pos: number, name: string) => {
    const set = kept.get(pos)
    const shown = pos === 0 || !set || set.has(name) ? name : OTHER_NODE
    return `${pos} · ${shown}`
  }
  const values = new Map<string, { source: string; target: string; value: number }>()
  for (const l of links) {
    const source = label(l.step, l.source)
    const target = label(l.step + 1, l.target)
    const key = `${source}\u0000${target}`
    const v = values.get(key) ?? { source, target, value: 0 }
    v.value += l.count
    values.set(key, v)
  }
  const sortedLinks = [...values.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || b.value - a.value || a.target.localeCompare(b.target),
  )
  const nodeNames = new Set(sortedLinks.flatMap((l) => [l.source, l.target]))
  const nodes = [...nodeNames]
    .sort((a, b) => Number(a.split(' · ')[0]) - Number(b.split(' · ')[0]) || a.localeCompare(b))
    .map((name) => ({ name }))
  return { nodes, links: sortedLinks }
}
