import type { ImportedCase } from '../../cases/case-store.ts'
import { followUpTrigger } from '../../cases/follow-up-service.ts'
import { responseRow } from '../../surveys/response-service.ts'
import type { ResponseRow } from '../../surveys/response-store.ts'
import type { InvitationRecord, NewInvitation } from '../../surveys/survey-store.ts'
import { checkAnswers, type SurveyDefinition } from '@touchstone/core/surveys'
import type { Random } from '@touchstone/core/random'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The demo's follow-up survey, sent a day after a case is resolved. */
export const DEMO_FOLLOW_UP_SURVEY: SurveyDefinition = {
  name: 'Nachgefragt: nach Ihrem Anliegen',
  kind: 'nps',
  languages: ['de', 'en'],
  intro: {
    de: 'Wir haben uns um Ihr Anliegen gekümmert.',
    en: 'We have taken care of your concern.',
  },
  questions: [
    {
      id: 'score',
      type: 'nps',
      text: {
        de: 'Wie wahrscheinlich ist es jetzt, dass Sie Nordlicht weiterempfehlen?',
        en: 'How likely are you now to recommend Nordlicht?',
      },
    },
  ],
}

/** Chance a follow-up answer is 7–10, by how the case ended: a fix wins more people back than no answer. */
const RECOVERY_CHANCE: Record<string, number> = {
  refund: 0.7,
  replacement: 0.68,
  fixed: 0.62,
  called_back: 0.55,
  explained: 0.45,
  no_action_needed: 0.35,
  not_reached: 0.2,
}

/** The invited person of a case's response, as the seeder made them. */
export interface CaseRespondent {
  invitation: NewInvitation & { id: string }
  personId: string
}

/** What the follow-ups add to the demo. */
export interface DemoFollowUps {
  invitations: Array<NewInvitation & { id: string }>
  rows: ResponseRow[]
  messages: unknown[]
}

/**
 * Follow-up invitations for the demo's resolved cases (a day after resolution, as the
 * `closedLoop` setting would send them), about half answered, with scores that depend on the
 * outcome — so the recovered-detractor rate has data. Gives each such case its id (the trigger
 * `followup:<caseId>` names it). Uses its own random stream: the rest of the demo is unchanged.
 */
export function demoFollowUps(
  rng: Random,
  cases: ImportedCase[],
  respondentOf: (responseId: string) => CaseRespondent | undefined,
  surveyId: string,
  now: number,
): DemoFollowUps {
  const out: DemoFollowUps = { invitations: [], rows: [], messages: [] }
  for (const item of cases) {
    const resolvedAt = item.case.resolvedAt?.getTime()
    if (resolvedAt === undefined) continue
    const at = resolvedAt + DAY
    const who = respondentOf(item.case.responseId)
    if (at > now - HOUR || !who) continue
    const caseId = rng.uuid()
    item.case.id = caseId
    const orig = who.invitation
    const id = rng.uuid()
    const answered = rng.chance(0.5)
    const answeredAt = answered ? Math.min(now, at + (0.5 + rng.exponential(8)) * HOUR) : null
    const inv: NewInvitation & { id: string } = {
      id,
      workspaceId: orig.workspaceId,
      surveyId,
      version: 1,
      channel: orig.channel === 'email' ? 'email' : 'link',
      userId: orig.userId ?? null,
      personKey: orig.personKey ?? null,
      trigger: followUpTrigger(caseId),
      language: orig.language ?? null,
      createdAt: new Date(at),
      status: answered ? 'answered' : 'sent',
      sentAt: new Date(at),
      openedAt: answeredAt === null ? null : new Date(answeredAt),
      startedAt: answeredAt === null ? null : new Date(answeredAt),
      answeredAt: answeredAt === null ? null : new Date(answeredAt),
    }
    out.invitations.push(inv)
    if (answeredAt === null) continue
    const recovered = rng.chance(RECOVERY_CHANCE[item.case.outcome ?? ''] ?? 0.4)
    const score = recovered ? 7 + rng.int(4) : 2 + rng.int(5)
    const checked = checkAnswers(DEMO_FOLLOW_UP_SURVEY, { score })
    const record = { ...inv, error: null, reminderSentAt: null } as InvitationRecord
    const lang = orig.language ?? 'de'
    const row = responseRow(record, DEMO_FOLLOW_UP_SURVEY, checked, {
      personId: who.personId,
      language: lang,
      createdAt: answeredAt,
      updatedAt: answeredAt,
      source: 'demo',
    })
    out.rows.push(row)
    out.messages.push({
      type: 'track',
      event: 'Survey Responded',
      userId: orig.userId,
      messageId: `survey-response-${id}`,
      timestamp: new Date(answeredAt).toISOString(),
      properties: {
        channel: inv.channel === 'email' ? 'email' : 'web',
        touchpoint: 'survey',
        survey_id: surveyId,
        survey_version: 1,
        survey_name: DEMO_FOLLOW_UP_SURVEY.name,
        survey_channel: inv.channel,
        response_id: id,
        score_type: 'nps',
        score,
        language: lang,
      },
    })
  }
  return out
}
