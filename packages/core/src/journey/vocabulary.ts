/** The channels a touchpoint can belong to (ARCHITECTURE.md, vocabulary). */
export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'social', 'chat', 'event', 'other'] as const
export type Channel = (typeof CHANNELS)[number]

/** Channels where the customer meets the company in person or by voice, not on a screen. */
export const OFFLINE_CHANNELS: ReadonlySet<Channel> = new Set(['phone', 'store', 'event'])

/** The seven stages of the default journey model, in journey order. */
export const JOURNEY_STAGES = [
  'pre-awareness',
  'awareness',
  'consideration',
  'preference',
  'purchase',
  'after-sales',
  'loyalty',
] as const
export type JourneyStage = (typeof JOURNEY_STAGES)[number]

/** True when `value` names one of the channels. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value)
}
