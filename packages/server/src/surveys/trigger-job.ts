import { createHash } from 'node:crypto'
import { createSecretBox } from '../auth/secret-box.ts'
import { runFollowUps } from '../cases/follow-up-service.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { declinedSurveys, type SurveyConsentDeps } from '../privacy/survey-consent.ts'
import { fatigueRuleOf, readCxSettings, type CxSettings } from './cx-settings.ts'
import { sendInvitationMails } from './invitation-mailer.ts'
import { signInvitationToken } from './link-token.ts'
import { chTime } from './response-filters.ts'
import { mayInvite } from '@touchstone/core/surveys'
import type { NewInvitation } from './survey-store.ts'

/** How far back a run looks for trigger events (after the delay); older ones are never invited. */
const LOOKBACK_MS = 7 * 86_400_000

export interface TriggerDeps extends Partial<SurveyConsentDeps> {
  meta: MetaStore
  events: EventStore
  secret: string
}

export interface TriggerRun {
  invited: number
  skipped: number
}

type Trigger = NonNullable<CxSettings['triggers']>[number]

function sampled(messageId: string, share: number): boolean {
  return createHash('sha256').update(messageId).digest().readUInt32BE(0) / 0x1_0000_0000 < share
}

/**
 * Invites the persons behind trigger events of one workspace: events named `trigger.event` (on
 * its touchpoint) that happened at least `delayMinutes` ago and at most a week before that, a
 * deterministic sample of them, skipping persons within the fatigue quiet days. Each event is
 * invited at most once (the invitation's trigger is the event's message id, unique per person),
 * so runs may overlap, repeat or restart. E-mail invitations are sent when SMTP is configured.
 */
export async function runSurveyTriggers(
  deps: TriggerDeps,
  workspaceId: string,
  now = new Date(),
): Promise<TriggerRun> {
  const settings = readCxSettings(await deps.meta.surveys.getSettings(workspaceId))
  const run: TriggerRun = { invited: 0, skipped: 0 }
  for (const trigger of settings.triggers ?? []) {
    const r = await runTrigger(deps, workspaceId, settings, trigger, now)
    run.invited += r.invited
    run.skipped += r.skipped
  }
  return run
}

async function runTrigger(
  deps: TriggerDeps,
  workspaceId: string,
  settings: CxSettings,
  trigger: Trigger,
  now: Date,
): Promise<TriggerRun> {
  const survey = await deps.meta.surveys.getSurvey(workspaceId, trigger.surveyId)
  if (!survey || survey.status !== 'live') return { invited: 0, skipped: 0 }
  const to = new Date(now.getTime() - trigger.delayMinutes * 60_000)
  const rows = await deps.events.query<{
    message_id: string
    person_id: string
    user_id: string
    anonymous_id: string
    touchpoint: string
  }>(
    `SELECT message_id, toString(person_id) AS person_id, user_id, anonymous_id, touchpoint
     FROM events
     WHERE workspace_id = {ws:String} AND event = {event:String}
       AND event_time > {from:DateTime64(3, 'UTC')} AND event_time <= {to:DateTime64(3, 'UTC')}
       ${trigger.touchpoint ? 'AND touchpoint = {touchpoint:String}' : ''}
     ORDER BY event_time LIMIT 1 BY message_id LIMIT 10000`,
    {
      ws: workspaceId,
      event: trigger.event,
      from: chTime(new Date(to.getTime() - LOOKBACK_MS)),
      to: chTime(to),
      ...(trigger.touchpoint ? { touchpoint: trigger.touchpoint } : {}),
    },
  )
  const chosen = rows.filter((r) => sampled(r.message_id, trigger.sample))
  if (chosen.length === 0) return { invited: 0, skipped: rows.length }
  const emails = new Map<string, string>()
  {
    // Contact data of the persons, for e-mail/SMS and so the invitation names who it went to.
    // Not "AS person_id": ClickHouse would read the alias (a String) in the WHERE clause.
    const ids = await deps.events.query<{ pid: string; kind: string; value: string }>(
      `SELECT toString(person_id) AS pid, kind, value FROM identities
       WHERE workspace_id = {ws:String} AND kind IN {kinds:Array(String)} AND person_id IN {ids:Array(UUID)}`,
      { ws: workspaceId, kinds: ['email', 'phone'], ids: [...new Set(chosen.map((r) => r.person_id))] },
    )
    for (const i of ids) emails.set(`${i.kind}:${i.pid}`, i.value)
  }
  const keyOf = (r: (typeof rows)[number]) =>
    r.user_id
      ? `user_id:${r.user_id}`
      : emails.has(`email:${r.person_id}`)
        ? `email:${emails.get(`email:${r.person_id}`)}`
        : `anonymous_id:${r.anonymous_id}`
  const last = await deps.meta.surveys.lastInvitedAt(workspaceId, [...new Set(chosen.map(keyOf))])
  const rule = fatigueRuleOf(settings)
  const invitations: NewInvitation[] = []
  const seen = new Set<string>()
  for (const r of chosen) {
    const personKey = keyOf(r)
    const email = emails.get(`email:${r.person_id}`) ?? null
    const phone = emails.get(`phone:${r.person_id}`) ?? null
    if ((trigger.channel === 'email' && !email) || (trigger.channel === 'sms' && !phone)) continue
    if (
      deps.identities &&
      deps.privacy &&
      declinedSurveys(deps as SurveyConsentDeps, workspaceId, { personId: r.person_id })
    )
      continue
    if (
      !mayInvite({ lastInvitedAt: last.get(personKey), sameTriggerInvited: seen.has(personKey) }, now, rule)
        .ok
    )
      continue
    seen.add(personKey)
    invitations.push({
      workspaceId,
      surveyId: survey.id,
      version: survey.version,
      channel: trigger.channel,
      userId: r.user_id || null,
      anonymousId: r.anonymous_id || null,
      email,
      phone,
      personKey,
      trigger: `${trigger.event}:${r.message_id}`,
      touchpoint: r.touchpoint,
    })
  }
  const created = (await deps.meta.surveys.createInvitations(invitations)).filter((i) => i !== undefined)
  if (trigger.channel === 'email' && settings.smtp && settings.publicUrl && created.length > 0) {
    const definition = (await deps.meta.surveys.getVersion(workspaceId, survey.id, survey.version))!
    const base = settings.publicUrl.replace(/\/+$/, '')
    const results = await sendInvitationMails(
      settings.smtp,
      definition,
      created.map((inv) => ({
        to: inv.email!,
        url: `${base}/s/${signInvitationToken(deps.secret, inv.id)}`,
        language: inv.language ?? 'de',
      })),
      createSecretBox(deps.secret),
    )
    const at = new Date()
    await Promise.all(
      results.map((res, i) =>
        deps.meta.surveys.markInvitation(
          created[i]!.id,
          res.ok ? 'sent' : 'failed',
          at,
          res.ok ? undefined : res.error,
        ),
      ),
    )
  }
  return { invited: created.length, skipped: rows.length - created.length }
}

/** Runs the triggers of every workspace each `intervalMs` (one run at a time); returns a stop function. */
export function startTriggerJob(
  deps: TriggerDeps,
  intervalMs = 60_000,
  onError?: (error: unknown) => void,
): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    void (async () => {
      const followUps = { meta: deps.meta, secret: deps.secret, box: createSecretBox(deps.secret) }
      for (const ws of await deps.meta.listWorkspaces()) {
        await runSurveyTriggers(deps, ws.id)
        // Follow-up surveys of resolved cases whose delay has passed (cases/follow-up-service.ts).
        await runFollowUps(followUps, ws.id)
      }
    })()
      .catch((error: unknown) => onError?.(error))
      .finally(() => (running = false))
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
