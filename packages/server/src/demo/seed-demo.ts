import type { Runtime } from '../runtime.ts'
import { generateDemoMessages } from './generator/index.ts'
import { seedDemoResponses } from './responses/seed-demo-responses.ts'

/** Progress of seeding, for the health endpoint and the console. */
export interface SeedProgress {
  state: 'seeding' | 'done' | 'failed' | 'stopped'
  /** Set to ask a running seed to stop (shutdown). */
  stop?: boolean
  events: number
  /** Survey responses seeded after the events. */
  responses?: number
}

/**
 * Stores the demo workspace's events through the normal ingest pipeline (validation, identity
 * resolution, group commit), in chunks large enough for fast MergeTree inserts. A few chunks are
 * kept in flight so generating the next one overlaps with writing the last.
 */
export async function seedDemo(
  rt: Runtime,
  workspaceId: string,
  options: { persons: number; end: Date; seed?: number },
  progress: SeedProgress,
): Promise<void> {
  const chunkSize = 10_000
  const inFlight = new Set<Promise<void>>()
  let chunk: unknown[] = []
  const send = (messages: unknown[]) => {
    const p = rt.ingest.ingest({ workspaceId, messages, source: 'demo', trusted: true }).then((report) => {
      progress.events += report.accepted
      if (report.rejected.length > 0) {
        throw new Error(
          `demo generator produced invalid messages: ${JSON.stringify(report.rejected.slice(0, 3))}`,
        )
      }
    })
    inFlight.add(p)
    void p.finally(() => inFlight.delete(p)).catch(() => {})
    return p
  }
  for (const message of generateDemoMessages({
    seed: options.seed ?? 42,
    persons: options.persons,
    months: 12,
    end: options.end,
  })) {
    if (progress.stop) break
    chunk.push(message)
    if (chunk.length >= chunkSize) {
      send(chunk)
      chunk = []
      if (inFlight.size >= 3) await Promise.race(inFlight)
    }
  }
  if (chunk.length > 0) send(chunk)
  await Promise.all(inFlight)
  if (!progress.stop) {
    // Surveys, responses and cases follow the persons' deliveries, tickets, returns and visits.
    const report = await seedDemoResponses(rt, workspaceId, { end: options.end, seed: options.seed ?? 42 })
    progress.responses = report.responses
  }
  progress.state = progress.stop ? 'stopped' : 'done'
}
