import type { SecretBox } from '../auth/secret-box.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { readCxSettings } from '../surveys/cx-settings.ts'
import { sendInvitationMails } from '../surveys/invitation-mailer.ts'
import { signInvitationToken } from '../surveys/link-token.ts'
import type { InvitationRecord } from '../surveys/survey-store.ts'
import type { CaseRecord } from './case-store.ts'

/** The trigger of a case's follow-up invitation: unique per person and survey, so at most one. */
export function followUpTrigger(caseId: string): string {
  return `followup:${caseId}`
}

export interface FollowUpDeps {
  meta: MetaStore
  secret: string
  box: SecretBox
}

/** A case's follow-up invitation and its survey link. */
export interface FollowUp {
  invitation: InvitationRecord
  url: string
}

/** How far back the sweep looks for resolved cases without a follow-up (after the delay). */
const SWEEP_LOOKBACK_MS = 7 * 86_400_000

function linkOf(deps: FollowUpDeps, inv: InvitationRecord, base: string): string {
  return `${base.replace(/\/+$/, '')}/s/${signInvitationToken(deps.secret, inv.id)}`
}

/** The follow-up invitation of a case, if one was made. */
export async function followUpOf(
  deps: FollowUpDeps,
  c: CaseRecord,
  base: string,
): Promise<FollowUp | undefined> {
  const [inv] = await deps.meta.surveys.invitationsByTrigger(c.workspaceId, [followUpTrigger(c.id)])
  return inv && { invitation: inv, url: linkOf(deps, inv, base) }
}

/**
 * Invites the person of a resolved case to the workspace's follow-up survey
 * (`closedLoop.followUpSurveyId`): by e-mail when their address is known and SMTP is set up,
 * else as a link shown on the case. The invitation's trigger is `followup:<caseId>`, so a case
 * gets at most one, whoever calls first; fatigue rules do not apply (the person was just
 * surveyed — that is the point). A case opened from a follow-up answer gets no second follow-up.
 * Returns why nothing was sent when nothing was.
 */
export async function inviteFollowUp(
  deps: FollowUpDeps,
  c: CaseRecord,
  base: string,
): Promise<FollowUp | { skipped: string }> {
  const existing = await followUpOf(deps, c, base)
  if (existing) return existing
  const settings = readCxSettings(await deps.meta.surveys.getSettings(c.workspaceId))
  const loop = settings.closedLoop
  if (!loop) return { skipped: 'no follow-up survey is configured (closedLoop.followUpSurveyId)' }
  if (c.status !== 'resolved' && c.status !== 'closed') return { skipped: 'the case is not resolved' }
  const survey = await deps.meta.surveys.getSurvey(c.workspaceId, loop.followUpSurveyId)
  if (!survey || survey.status !== 'live') return { skipped: 'the follow-up survey is not live' }
  const original = await deps.meta.surveys.getInvitation(c.responseId)
  const answered = original?.workspaceId === c.workspaceId ? original : undefined
  if (answered?.trigger?.startsWith('followup:')) return { skipped: 'the case came from a follow-up answer' }
  const named = Boolean(answered?.userId || answered?.email || answered?.phone)
  const email = answered?.email ?? null
  const channel = email && settings.smtp ? 'email' : 'link'
  const [inv] = await deps.meta.surveys.createInvitations([
    {
      workspaceId: c.workspaceId,
      surveyId: survey.id,
      version: survey.version,
      channel,
      userId: answered?.userId ?? null,
      email,
      phone: answered?.phone ?? null,
      // The same person as the answer that opened the case, even for an anonymous link.
      anonymousId: answered?.anonymousId ?? (answered && !named ? `survey-invitation-${answered.id}` : null),
      personKey: answered?.personKey ?? `case:${c.id}`,
      trigger: followUpTrigger(c.id),
      language: answered?.language ?? null,
    },
  ])
  // Another request made it first (the unique trigger): that one is the follow-up.
  if (!inv) return (await followUpOf(deps, c, base)) ?? { skipped: 'already invited' }
  const url = linkOf(deps, inv, base)
  if (channel === 'email' && settings.smtp) {
    const definition = (await deps.meta.surveys.getVersion(c.workspaceId, survey.id, survey.version))!
    const [result] = await sendInvitationMails(
      settings.smtp,
      definition,
      [{ to: email!, url, language: inv.language ?? 'de' }],
      deps.box,
    )
    const at = new Date()
    await deps.meta.surveys.markInvitation(
      inv.id,
      result?.ok ? 'sent' : 'failed',
      at,
      result?.ok ? undefined : result?.error,
    )
    Object.assign(
      inv,
      result?.ok ? { status: 'sent', sentAt: at } : { status: 'failed', error: result?.error ?? null },
    )
  }
  return { invitation: inv, url }
}

/** The follow-up delay in force, in ms (0: at resolution). */
export function followUpDelayMs(settings: ReturnType<typeof readCxSettings>): number {
  return (settings.closedLoop?.followUpDelayHours ?? 0) * 3600_000
}

/**
 * Invites the follow-ups that are due in one workspace: cases resolved (or since closed)
 * between a week and `followUpDelayHours` ago that have none yet. Runs with the survey triggers
 * every minute; safe to repeat (one follow-up per case).
 */
export async function runFollowUps(
  deps: FollowUpDeps,
  workspaceId: string,
  now = new Date(),
): Promise<number> {
  const settings = readCxSettings(await deps.meta.surveys.getSettings(workspaceId))
  if (!settings.closedLoop || !settings.publicUrl) return 0
  const to = new Date(now.getTime() - followUpDelayMs(settings))
  const page = await deps.meta.cases.listCases(workspaceId, {
    status: ['resolved', 'closed'],
    resolvedFrom: new Date(to.getTime() - SWEEP_LOOKBACK_MS),
    resolvedTo: to,
    limit: 5000,
    offset: 0,
  })
  const have = new Set(
    (
      await deps.meta.surveys.invitationsByTrigger(
        workspaceId,
        page.items.map((c) => followUpTrigger(c.id)),
      )
    ).map((i) => i.trigger),
  )
  let invited = 0
  for (const c of page.items) {
    if (have.has(followUpTrigger(c.id))) continue
    const r = await inviteFollowUp(deps, c, settings.publicUrl)
    if ('invitation' in r) invited++
  }
  return invited
}
