// Public API of the journey model: stage rules, stage flow (Sankey), drop-off, path Sankeys.
export { CHANNELS, JOURNEY_STAGES, OFFLINE_CHANNELS, isChannel } from './vocabulary.ts'
export type { Channel, JourneyStage } from './vocabulary.ts'
export {
  DEFAULT_STAGE_RULES,
  ruleMatches,
  stageIndex,
  stageOfEvent,
  stageRuleProblems,
} from './stage-rules.ts'
export type { StageRule, StageableEvent } from './stage-rules.ts'
export { stageDropOff, stageFlow } from './stage-flow.ts'
export type { SankeyDiagram, StageDropOff, StageFlow, StageReach, StageTransition } from './stage-flow.ts'
export { OTHER_NODE, pathSankey } from './path-sankey.ts'
export type { PathLink, PathSankeyOptions } from './path-sankey.ts'
export { stageHistory } from './stage-history.ts'
export type { StageHistory, StageVisit, TimedContact } from './stage-history.ts'
