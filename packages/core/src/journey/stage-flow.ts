import { JOURNEY_STAGES, type JourneyStage } from './vocabulary.ts'

/** How often persons moved from one stage straight to another, and how long that took. */
export interface StageTransition {
  from: JourneyStage
  to: JourneyStage
  /** Number of moves (a person who goes back and forth counts each move). */
  count: number
  /** Distinct persons who made the move at least once. */
  persons: number
  /** Median time between the last event in `from` and the first in `to`, in hours. */
  medianHours: number
}

/** A Sankey diagram: nodes by name, links by node name (ECharts' `series-sankey` shape). */
export interface SankeyDiagram {
  nodes: Array<{ name: string }>
  links: Array<{ source: string; target: string; value: number }>
}

/** Transitions split into a Sankey of forward moves and a list of moves back. */
export interface StageFlow {
  transitions: Array<StageTransition & { direction: 'forward' | 'back' }>
  /** Forward moves only: a Sankey must be acyclic, and moving on is what the diagram shows. */
  sankey: SankeyDiagram
}

/** Builds the stage flow from transition aggregates (any order, no self-moves expected). */
export function stageFlow(transitions: readonly StageTransition[]): StageFlow {
  const order = (s: JourneyStage) => JOURNEY_STAGES.indexOf(s)
  const sorted = [...transitions]
    .filter((t) => t.from !== t.to)
    .sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to))
  const withDirection = sorted.map((t) => ({
    ...t,
    direction: order(t.to) > order(t.from) ? ('forward' as const) : ('back' as const),
  }))
  const forward = withDirection.filter((t) => t.direction === 'forward' && t.count > 0)
  const used = new Set(forward.flatMap((t) => [t.from, t.to]))
  return {
    transitions: withDirection,
    sankey: {
      nodes: JOURNEY_STAGES.filter((s) => used.has(s)).map((name) => ({ name })),
      links: forward.map((t) => ({ source: t.from, target: t.to, value: t.count })),
    },
  }
}

/** Persons who reached a stage and how many of them moved on to a later stage afterwards. */
export interface StageReach {
  stage: JourneyStage
  reached: number
  progressed: number
}

/** Drop-off of one stage: reached it but never reached a later stage afterwards. */
export interface StageDropOff extends StageReach {
  droppedOff: number
  /** droppedOff / reached; 0 when nobody reached the stage. */
  dropOffRate: number
}

/**
 * Drop-off per stage, in journey order. The last stage (loyalty) has nowhere further to go, so
 * its drop-off is reported as 0 rather than as everyone.
 */
export function stageDropOff(reach: readonly StageReach[]): StageDropOff[] {
  const byStage = new Map(reach.map((r) => [r.stage, r]))
  const last = JOURNEY_STAGES[JOURNEY_STAGES.length - 1]
  return JOURNEY_STAGES.map((stage) => {
    const r = byStage.get(stage) ?? { stage, reached: 0, progressed: 0 }
    const droppedOff = stage === last ? 0 : r.reached - r.progressed
    return {
      stage,
      reached: r.reached,
      progressed: r.progressed,
      droppedOff,
      dropOffRate: r.reached > 0 ? droppedOff / r.reached : 0,
    }
  })
}
