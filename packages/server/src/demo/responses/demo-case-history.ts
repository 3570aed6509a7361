// The life of a demo case, drawn from its age: old cases are mostly closed, recent ones are
// still being worked, and a few slipped past their SLA (the overdue list is not empty).
import type { ImportedCase } from '../../cases/case-store.ts'
import type { CaseOutcome, CaseStatus } from '@touchstone/core/surveys'
import type { Random } from '@touchstone/core/random'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const OUTCOMES: readonly CaseOutcome[] = [
  'called_back',
  'called_back',
  'refund',
  'replacement',
  'fixed',
  'explained',
  'not_reached',
  'no_action_needed',
]
const NOTES = [
  'Kunde telefonisch erreicht, Entschuldigung ausgesprochen.',
  'Gutschein über 20 € angeboten, angenommen.',
  'Ersatzteil bestellt, Lieferung in KW folgt.',
  'Zweimal angerufen, Mailbox. Mail geschickt.',
  'Spedition kontaktiert, Beschwerde weitergegeben.',
  'Customer called back, apologised and explained the delay.',
]

function statusFor(rng: Random, ageDays: number): CaseStatus {
  if (ageDays > 30)
    return rng.pick([
      'closed',
      'closed',
      'closed',
      'closed',
      'closed',
      'closed',
      'resolved',
      'resolved',
      'in_progress',
      'waiting_for_customer',
      'new',
    ] as const)
  if (ageDays > 7)
    return rng.pick([
      'closed',
      'closed',
      'resolved',
      'resolved',
      'waiting_for_customer',
      'in_progress',
      'new',
    ] as const)
  return rng.pick(['new', 'new', 'in_progress', 'in_progress', 'waiting_for_customer', 'resolved'] as const)
}

/** The status path from new to `status`. */
function pathTo(status: CaseStatus, rng: Random): CaseStatus[] {
  const worked: CaseStatus[] = rng.chance(0.4)
    ? ['in_progress', 'waiting_for_customer', 'in_progress']
    : ['in_progress']
  switch (status) {
    case 'new':
      return []
    case 'in_progress':
      return ['in_progress']
    case 'waiting_for_customer':
      return ['in_progress', 'waiting_for_customer']
    case 'resolved':
      return [...worked, 'resolved']
    case 'closed':
      return [...worked, 'resolved', 'closed']
  }
}

/** The status, outcome, times and audit trail of a case opened at `openedAt`, seen at `now`. */
export function demoCaseHistory(
  rng: Random,
  base: ImportedCase['case'],
  openedAt: number,
  now: number,
  slaHours: number,
): ImportedCase {
  const status = statusFor(rng, (now - openedAt) / DAY)
  const trail: ImportedCase['trail'] = [
    {
      kind: 'created',
      fromValue: null,
      toValue: base.reason,
      note: null,
      actor: 'system',
      at: new Date(openedAt),
    },
  ]
  if (base.assignee)
    trail.push({
      kind: 'assigned',
      fromValue: null,
      toValue: base.assignee,
      note: null,
      actor: 'system',
      at: new Date(openedAt),
    })
  const outcome = status === 'resolved' || status === 'closed' ? rng.pick(OUTCOMES) : null
  let t = openedAt
  let previous: CaseStatus = 'new'
  let resolvedAt: Date | null = null
  let closedAt: Date | null = null
  const actor = `user:${base.assignee ?? 'team'}`
  for (const next of pathTo(status, rng)) {
    // Most cases are picked up within the SLA; the step after that takes hours to days.
    t = Math.min(
      now - HOUR,
      t + (previous === 'new' ? rng.exponential(slaHours * 0.4) : rng.exponential(36)) * HOUR,
    )
    if (next === 'resolved') {
      if (rng.chance(0.5))
        trail.push({
          kind: 'note',
          fromValue: null,
          toValue: null,
          note: rng.pick(NOTES),
          actor,
          at: new Date(t),
        })
      trail.push({ kind: 'outcome', fromValue: null, toValue: outcome, note: null, actor, at: new Date(t) })
      resolvedAt = new Date(t)
    }
    if (next === 'closed') closedAt = new Date(t)
    trail.push({ kind: 'status', fromValue: previous, toValue: next, note: null, actor, at: new Date(t) })
    previous = next
  }
  return {
    case: { ...base, status, outcome, updatedAt: new Date(t), resolvedAt, closedAt },
    trail,
  }
}
