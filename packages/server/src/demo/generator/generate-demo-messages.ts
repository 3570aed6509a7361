import { newsletterCampaigns, tradeFairs } from './campaigns.ts'
import { DemoCalendar } from './demo-calendar.ts'
import { demoWindowStart, type DemoMessage, type DemoOptions } from './demo-message.ts'
import type { GenerationContext } from './journey-state.ts'
import { materializePerson } from './materialize.ts'
import { simulatePerson } from './person-journey.ts'

/**
 * Generates the demo workspace's customer-experience data as Segment messages, person by person (each
 * person's messages in time order), so memory stays flat however many persons are asked for. Pure:
 * the same options always give the same messages.
 *
 * @example
 * for (const message of generateDemoMessages({ ...DEFAULT_DEMO_OPTIONS, end: new Date('2025-07-01') })) ingest(message)
 */
export function* generateDemoMessages(options: DemoOptions): Generator<DemoMessage> {
  if (!Number.isInteger(options.persons) || options.persons < 0)
    throw new RangeError('persons must be a non-negative integer')
  if (!Number.isInteger(options.months) || options.months < 1)
    throw new RangeError('months must be a positive integer')
  if (Number.isNaN(options.end.getTime())) throw new RangeError('end must be a valid date')
  const start = demoWindowStart(options)
  const end = options.end.getTime()
  const calendar = new DemoCalendar(start, end)
  const ctx: GenerationContext = {
    calendar,
    start,
    end,
    campaigns: newsletterCampaigns(calendar),
    fairs: tradeFairs(calendar),
  }
  for (let index = 0; index < options.persons; index++) {
    yield* materializePerson(simulatePerson(ctx, options.seed, index), options.seed)
  }
}
