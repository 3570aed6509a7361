import { assigneeFor } from '../../cases/case-service.ts'
import type { ImportedCase } from '../../cases/case-store.ts'
import type { Runtime } from '../../runtime.ts'
import type { CxSettings } from '../../surveys/cx-settings.ts'
import { responseRow } from '../../surveys/response-service.ts'
import { ResponseStore, type ResponseRow } from '../../surveys/response-store.ts'
import {
  caseReason,
  checkAnswers,
  DEFAULT_CASE_RULES,
  isScoreType,
  slaDueAt,
  type SurveyChannel,
} from '@touchstone/core/surveys'
import type { InvitationRecord, NewInvitation } from '../../surveys/survey-store.ts'
import { Random } from '@touchstone/core/random'
import { demoAnswers, type DemoTrigger } from './demo-answers.ts'
import { demoCaseHistory } from './demo-case-history.ts'
import { DEMO_FOLLOW_UP_SURVEY, demoFollowUps } from './demo-follow-ups.ts'
import { DEMO_SURVEYS, type DemoSurveyKey } from './demo-surveys.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Per survey: the event that triggers it, channel, wait after the event, share of events invited. */
const PLAN: Record<DemoSurveyKey, { event: string; wait: number; invite: number; stage: string }> = {
  delivery: { event: 'order_delivered', wait: DAY, invite: 1, stage: 'after-sales' },
  purchase: { event: 'Order Completed', wait: 5 * 60_000, invite: 0.85, stage: 'purchase' },
  service: { event: 'ticket_closed', wait: 4 * HOUR, invite: 1, stage: 'after-sales' },
  returns: { event: 'Return Requested', wait: DAY, invite: 1, stage: 'after-sales' },
  store: { event: 'Store Visited', wait: 2 * HOUR, invite: 1, stage: 'preference' },
  app: { event: 'Application Opened', wait: 10 * 60_000, invite: 0.8, stage: 'loyalty' },
}

/** Share of invitations answered per channel (sent e-mails, shown pages and prompts). */
const ANSWER_RATE: Record<SurveyChannel, number> = {
  email: 0.52,
  sms: 0.45,
  link: 0.6,
  app: 0.62,
  web: 0.55,
  'phone-agent': 0.8,
}

/** The demo shop surveys a person at most every two weeks. */
const QUIET_DAYS = 14

/** Who works the demo's cases: a service team in round robin, and each store's manager. */
export const DEMO_CX_SETTINGS: CxSettings = {
  assignees: ['Anna Schmidt', 'Mehmet Yılmaz', 'Julia Becker', 'Tom Wagner'],
  touchpointOwners: {
    'store-berlin': 'Filialleitung Berlin',
    'store-hamburg': 'Filialleitung Hamburg',
    'store-muenchen': 'Filialleitung München',
    'store-koeln': 'Filialleitung Köln',
  },
  fatigue: { quietDays: QUIET_DAYS },
}

interface Candidate {
  survey: DemoSurveyKey
  userId: string
  t: number
  touchpoint: string
  late: boolean
  reason: string
  locale: string
}

async function candidates(rt: Runtime, workspaceId: string): Promise<Candidate[]> {
  const out: Candidate[] = []
  for (const survey of Object.keys(PLAN) as DemoSurveyKey[]) {
    const rows = await rt.events.query<{
      user_id: string
      t: string | number
      touchpoint: string
      late: number
      reason: string
      locale: string
    }>(
      `SELECT user_id, toUnixTimestamp64Milli(event_time) AS t, touchpoint,
              JSONExtractBool(properties, 'late') AS late, JSONExtractString(properties, 'reason') AS reason,
              JSONExtractString(context, 'locale') AS locale
       FROM events
       WHERE workspace_id = {ws:String} AND type = 'track' AND event = {event:String} AND user_id != ''
       ORDER BY event_time, message_id
       ${survey === 'app' ? 'LIMIT 1 BY user_id' : ''}`,
      { ws: workspaceId, event: PLAN[survey].event },
    )
    for (const r of rows)
      out.push({
        survey,
        userId: r.user_id,
        t: Number(r.t),
        touchpoint: r.touchpoint,
        late: Number(r.late) === 1,
        reason: r.reason,
        locale: r.locale,
      })
  }
  return out.sort((a, b) => a.t - b.t || a.userId.localeCompare(b.userId))
}

function channelOf(c: Candidate): SurveyChannel {
  if (c.survey === 'store') return 'sms'
  if (c.survey === 'purchase')
    return c.touchpoint.startsWith('store-') ? 'sms' : c.touchpoint.startsWith('app-') ? 'app' : 'web'
  if (c.survey === 'app') return 'app'
  if (c.survey === 'returns') return c.touchpoint.startsWith('store-') ? 'sms' : 'link'
  return 'email'
}

function touchpointOf(c: Candidate): string {
  if (c.survey === 'service') return c.touchpoint === 'service-desk' ? 'service-desk' : c.touchpoint
  return c.touchpoint
}

/** What seeding the demo's voice of the customer produced. */
export interface DemoResponseReport {
  surveys: number
  invitations: number
  /** Complete responses (each also a timeline event). */
  responses: number
  partialResponses: number
  cases: number
}

/**
 * Seeds the demo's surveys, invitations, responses (with comments in German and English), their
 * `Survey Responded` timeline events and closed-loop cases, from the demo events already stored:
 * invitations follow deliveries, service tickets, returns, store visits and app use of real demo
 * persons, never more than one per person in 14 days, and scores follow what happened (late
 * deliveries make detractors, and deliveries go wrong in clusters of weeks).
 */
export async function seedDemoResponses(
  rt: Runtime,
  workspaceId: string,
  options: { end: Date; seed?: number },
): Promise<DemoResponseReport> {
  const rng = new Random((options.seed ?? 42) ^ 0x5eed)
  const now = options.end.getTime()
  const surveys = {} as Record<DemoSurveyKey, string>
  for (const key of Object.keys(DEMO_SURVEYS) as DemoSurveyKey[]) {
    surveys[key] = (await rt.meta.surveys.createSurvey(workspaceId, DEMO_SURVEYS[key], 'live')).id
  }
  const followUpSurvey = (await rt.meta.surveys.createSurvey(workspaceId, DEMO_FOLLOW_UP_SURVEY, 'live')).id
  await rt.meta.surveys.putSettings(workspaceId, {
    ...DEMO_CX_SETTINGS,
    closedLoop: { followUpSurveyId: followUpSurvey, followUpDelayHours: 24 },
  })
  // Two bad weeks for the carrier: roughly four and twenty weeks before the end.
  const badWeeks = [now - 4 * 7 * DAY, now - 20 * 7 * DAY].map((start) => [start, start + 7 * DAY] as const)
  const graph = rt.identities.graph(workspaceId)
  const lastInvited = new Map<string, number>()
  const invitations: Array<NewInvitation & { id: string }> = []
  const rows: ResponseRow[] = []
  const messages: unknown[] = []
  const caseItems: ImportedCase[] = []
  for (const c of await candidates(rt, workspaceId)) {
    const plan = PLAN[c.survey]
    const at = c.t + plan.wait
    if (at > now - HOUR || !rng.chance(plan.invite)) continue
    const last = lastInvited.get(c.userId)
    if (last !== undefined && at - last < QUIET_DAYS * DAY) continue
    const personId = graph.lookup({ kind: 'user_id', value: c.userId })
    if (!personId) continue
    lastInvited.set(c.userId, at)
    const channel = channelOf(c)
    const lang = c.locale.startsWith('de') ? 'de' : 'en'
    const id = rng.uuid()
    const email = channel === 'email'
    const failed = email && rng.chance(0.03)
    const opened = !failed && rng.chance(email ? 0.62 : 0.85)
    const answered = opened && rng.chance(Math.min(1, ANSWER_RATE[channel] / (email ? 0.62 : 0.85)))
    const partial = opened && !answered && rng.chance(0.08)
    const openedAt = opened ? at + rng.exponential(email ? 10 : 2) * HOUR : null
    const answeredAt =
      openedAt !== null && (answered || partial)
        ? Math.min(now, openedAt + (1 + rng.exponential(3)) * 60_000)
        : null
    const inv: NewInvitation & { id: string } = {
      id,
      workspaceId,
      surveyId: surveys[c.survey],
      version: 1,
      channel,
      userId: c.userId,
      personKey: `user_id:${c.userId}`,
      trigger: `${plan.event}:${c.t}`,
      touchpoint: touchpointOf(c),
      stage: plan.stage,
      language: lang,
      createdAt: new Date(at),
      status: failed ? 'failed' : answered ? 'answered' : opened ? 'opened' : 'sent',
      sentAt: failed ? null : new Date(at),
      openedAt: openedAt === null ? null : new Date(openedAt),
      startedAt: answeredAt === null ? null : new Date(answeredAt),
      answeredAt: answered && answeredAt !== null ? new Date(answeredAt) : null,
    }
    invitations.push(inv)
    if (answeredAt === null) continue
    const trigger: DemoTrigger = {
      survey: c.survey,
      t: c.t,
      late: c.late,
      reason: c.reason,
      touchpoint: c.touchpoint,
      badWeek:
        c.survey === 'delivery' && badWeeks.some(([from, to]) => c.t >= from && c.t < to) && rng.chance(0.45),
    }
    const { answers, comment } = demoAnswers(rng, trigger, lang)
    if (partial) delete answers.score
    if (partial) delete answers.rating
    const definition = DEMO_SURVEYS[c.survey]
    const checked = checkAnswers(definition, { ...answers, ...(comment ? { comment } : {}) })
    if (checked.errors.length > 0) throw new Error(`demo answers are invalid: ${checked.errors.join('; ')}`)
    const record = { ...inv, error: null, reminderSentAt: null } as InvitationRecord
    const row = responseRow(record, definition, checked, {
      personId,
      language: lang,
      createdAt: answeredAt,
      updatedAt: answeredAt,
      source: 'demo',
    })
    rows.push(row)
    if (!row.complete) continue
    messages.push({
      type: 'track',
      event: 'Survey Responded',
      userId: c.userId,
      messageId: `survey-response-${id}`,
      timestamp: new Date(answeredAt).toISOString(),
      context: { locale: c.locale },
      properties: {
        channel:
          channel === 'email'
            ? 'email'
            : channel === 'app'
              ? 'app'
              : channel === 'link' || channel === 'web'
                ? 'web'
                : 'other',
        touchpoint: row.touchpoint,
        survey_id: row.surveyId,
        survey_version: 1,
        survey_name: definition.name,
        survey_channel: channel,
        response_id: id,
        score_type: row.scoreType,
        score: row.score,
        comment: row.comment || undefined,
        sentiment: row.sentiment,
        sentiment_label: row.sentimentLabel || undefined,
        topics: row.topics,
        language: lang,
      },
    })
    const reason = caseReason({
      scoreType: isScoreType(row.scoreType) ? row.scoreType : undefined,
      score: row.score ?? undefined,
      sentimentLabel: (row.sentimentLabel || undefined) as 'negative' | 'neutral' | 'positive' | undefined,
    })
    if (!reason) continue
    caseItems.push(
      demoCaseHistory(
        rng,
        {
          workspaceId,
          responseId: id,
          surveyId: row.surveyId,
          personId,
          scoreType: row.scoreType || null,
          score: row.score,
          comment: row.comment || null,
          touchpoint: row.touchpoint,
          channel,
          reason,
          assignee: assigneeFor(DEMO_CX_SETTINGS, row.touchpoint, caseItems.length),
          dueAt: slaDueAt(new Date(answeredAt), DEFAULT_CASE_RULES),
          createdAt: new Date(answeredAt),
        },
        answeredAt,
        now,
        DEFAULT_CASE_RULES.slaHours,
      ),
    )
  }
  const invitationById = new Map(invitations.map((i) => [i.id, i]))
  const personByResponse = new Map(rows.map((r) => [r.responseId, r.personId]))
  const followUps = demoFollowUps(
    new Random((options.seed ?? 42) ^ 0xf0110),
    caseItems,
    (responseId) => {
      const invitation = invitationById.get(responseId)
      const personId = personByResponse.get(responseId)
      return invitation && personId ? { invitation, personId } : undefined
    },
    followUpSurvey,
    now,
  )
  invitations.push(...followUps.invitations)
  rows.push(...followUps.rows)
  messages.push(...followUps.messages)
  // PostgreSQL (invitations, cases) and ClickHouse (responses, timeline events) are written side by side.
  const [, cases] = await Promise.all([
    (async () => {
      await new ResponseStore(rt.events).write(rows)
      for (let i = 0; i < messages.length; i += 10_000) {
        await rt.ingest.ingest({
          workspaceId,
          messages: messages.slice(i, i + 10_000),
          source: 'demo',
          trusted: true,
        })
      }
    })(),
    (async () => {
      await rt.meta.surveys.importInvitations(invitations)
      return rt.meta.cases.importCases(caseItems)
    })(),
  ])
  return {
    surveys: Object.keys(surveys).length + 1,
    invitations: invitations.length,
    responses: messages.length,
    partialResponses: rows.length - messages.length,
    cases,
  }
}
