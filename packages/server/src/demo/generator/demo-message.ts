/** What to generate: one seed, how many persons, and the window of `months` months ending at `end`. */
export interface DemoOptions {
  seed: number
  persons: number
  end: Date
  months: number
}

/** Defaults for the demo workspace: 20,000 persons over a year, about 1.2 million messages. */
export const DEFAULT_DEMO_OPTIONS: Omit<DemoOptions, 'end'> = { seed: 42, persons: 20_000, months: 12 }

/** A Segment Tracking API message as the server's ingest pipeline accepts it. */
export interface DemoMessage {
  type: 'track' | 'identify' | 'page' | 'screen' | 'alias' | 'group'
  messageId: string
  timestamp: string
  anonymousId?: string
  userId?: string
  event?: string
  name?: string
  properties?: Record<string, unknown>
  traits?: Record<string, unknown>
  previousId?: string
  context?: {
    channel?: string
    touchpoint?: string
    locale?: string
    page?: { url: string; path: string; title?: string; referrer?: string }
    campaign?: { source?: string; medium?: string; name?: string }
    userAgent?: string
    ip?: string
  }
}

/** Start of the demo window: `months` calendar months before `end` (UTC). */
export function demoWindowStart(options: Pick<DemoOptions, 'end' | 'months'>): number {
  const start = new Date(options.end.getTime())
  start.setUTCMonth(start.getUTCMonth() - options.months)
  return start.getTime()
}
