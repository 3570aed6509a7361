import { DEFAULT_STAGE_RULES, stageOfEvent, type StageableEvent, type StageRule } from './stage-rules.ts'
import type { JourneyStage } from './vocabulary.ts'

/** A contact with its time (epoch milliseconds). */
export interface TimedContact extends StageableEvent {
  time: number
}

/** A stretch of consecutive contacts in one stage. */
export interface StageVisit {
  stage: JourneyStage
  /** First and last contact of the stretch (epoch milliseconds). */
  from: number
  to: number
  contacts: number
}

/** A person's journey: stretches in stage order of time, and the stage they are in now. */
export interface StageHistory {
  current: JourneyStage | null
  visits: StageVisit[]
}

/**
 * A person's stage history: contacts in time order, placed by the rules (unplaced ones are
 * skipped), consecutive contacts in the same stage merged into one visit. The current stage is
 * the stage of the latest placed contact.
 */
export function stageHistory(
  contacts: readonly TimedContact[],
  rules: readonly StageRule[] = DEFAULT_STAGE_RULES,
): StageHistory {
  const visits: StageVisit[] = []
  const sorted = [...contacts].sort((a, b) => a.time - b.time)
  for (const contact of sorted) {
    const stage = stageOfEvent(contact, rules)
    if (stage === null) continue
    const last = visits[visits.length - 1]
    if (last && last.stage === stage) {
      last.to = contact.time
      last.contacts++
    } else {
      visits.push({ stage, from: contact.time, to: contact.time, contacts: 1 })
    }
  }
  return { current: visits[visits.length - 1]?.stage ?? null, visits }
}
