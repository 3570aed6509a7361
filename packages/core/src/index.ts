// Public entry of @touchstone/core: pure domain logic, no I/O. Named exports only.
export { CHANNELS, OFFLINE_CHANNELS, JOURNEY_STAGES, isChannel } from './journey/vocabulary.ts'
export type { Channel, JourneyStage } from './journey/vocabulary.ts'
export { isPlaceholderId, realId } from './identity/placeholder-ids.ts'
export {
  IDENTIFIER_KINDS,
  identifierKey,
  normalizeEmail,
  normalizePhone,
  toIdentifier,
} from './identity/identifier.ts'
export type { Identifier, IdentifierKind } from './identity/identifier.ts'
export { IdentityGraph } from './identity/identity-graph.ts'
export type { IdentityChange, Resolution } from './identity/identity-graph.ts'
export { correctedEventTime, parseTime } from './ingest/event-time.ts'
export { classifyChannel, classifyTouchpoint, slugify, toChannel } from './ingest/classify-touchpoint.ts'
export type { WhereHints } from './ingest/classify-touchpoint.ts'
