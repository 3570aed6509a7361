import { analyzeComment, type TopicTaxonomy } from '@touchstone/core/text'
import { openCaseForResponse } from '../cases/case-service.ts'
import type { IdentityRegistry } from '../identity/identity-registry.ts'
import type { IngestService } from '../ingest/ingest-service.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import type { ResponseRow, ResponseStore } from './response-store.ts'
import { checkAnswers, type SurveyChannel, type SurveyDefinition } from '@touchstone/core/surveys'
import { ingestForPerson, resolveInvitedPerson } from './survey-person.ts'
import { caseEventData, emitWebhookEvent, responseEventData } from '../webhooks/webhook-events.ts'
import type { InvitationRecord } from './survey-store.ts'
import { topicTaxonomyCache } from './topic-taxonomy-source.ts'

/** What a submit did. `answered` is also the answer to a retry of an answered invitation. */
export type SubmitResult =
  | { state: 'answered'; responseId: string; duplicate: boolean; caseId: string | undefined }
  | { state: 'partial'; responseId: string; missing: string[] }
  | { state: 'invalid'; errors: string[] }

export interface ResponseServiceDeps {
  meta: MetaStore
  responses: ResponseStore
  ingest: IngestService
  identities: IdentityRegistry
}

/** The event-store channel of a survey channel (a link page is a web page). */
const EVENT_CHANNEL: Record<SurveyChannel, string> = {
  link: 'web',
  email: 'email',
  sms: 'other',
  'phone-agent': 'phone',
  web: 'web',
  app: 'app',
}

/** Builds the stored row of a response from checked answers (shared with the demo seeder). */
export function responseRow(
  inv: InvitationRecord,
  definition: SurveyDefinition,
  checked: ReturnType<typeof checkAnswers>,
  extra: {
    personId: string
    language: string
    createdAt: number
    updatedAt: number
    source: string
    /** the workspace's topic taxonomy; the default when absent */
    taxonomy?: TopicTaxonomy
  },
): ResponseRow {
  const text = checked.comment ?? ''
  const lang = extra.language === 'de' || extra.language === 'en' ? extra.language : undefined
  const analysis = text
    ? analyzeComment(text, {
        ...(lang ? { language: lang } : {}),
        ...(extra.taxonomy ? { taxonomy: extra.taxonomy } : {}),
      })
    : undefined
  return {
    workspaceId: inv.workspaceId,
    responseId: inv.id,
    surveyId: inv.surveyId,
    surveyVersion: inv.version,
    personId: extra.personId,
    channel: inv.channel,
    touchpoint: inv.touchpoint ?? '',
    stage: inv.stage ?? '',
    language: extra.language,
    scoreType: checked.scoreType ?? (definition.kind === 'custom' ? '' : definition.kind),
    score: checked.score ?? null,
    answers: checked.answers,
    comment: text,
    sentiment: analysis ? Math.round(analysis.sentiment.score * 1000) / 1000 : null,
    sentimentLabel: analysis?.sentiment.label ?? '',
    topics: analysis?.topics.map((t) => t.id) ?? [],
    keyphrases: analysis?.keyphrases.map((k) => k.text) ?? [],
    complete: checked.complete,
    createdAt: extra.createdAt,
    updatedAt: extra.updatedAt,
    source: extra.source,
  }
}

/**
 * A submit to an invitation already answered writes nothing. It does open the stored response's
 * case if that is missing: completing a response and opening its case are two writes, and a crash
 * between them (the client then retries, unacknowledged) would leave a detractor without a case.
 * openCase finds an existing case, so an ordinary duplicate opens nothing.
 */
async function answeredAgain(deps: ResponseServiceDeps, inv: InvitationRecord): Promise<SubmitResult> {
  const stored = await deps.responses.read(inv.workspaceId, inv.id)
  const opened = stored?.complete ? await openCaseForResponse(deps.meta, stored) : undefined
  if (opened)
    await emitWebhookEvent(deps.meta.webhooks, inv.workspaceId, 'case.opened', {
      case: caseEventData(opened),
    })
  return { state: 'answered', responseId: inv.id, duplicate: true, caseId: opened?.id }
}

/**
 * Stores answers to an invitation: checks them against the invited survey version, analyses the
 * comment, records the person's `Survey Responded` event, writes the response and, for an unhappy
 * complete response, opens a case. Partial answers are kept (and completed by a later submit);
 * an answered invitation answers every further submit with `duplicate: true` (answeredAgain).
 */
export async function submitResponse(
  deps: ResponseServiceDeps,
  inv: InvitationRecord,
  raw: Record<string, unknown>,
  options: { language: string; source?: string; now?: Date; partial?: boolean },
): Promise<SubmitResult> {
  if (inv.status === 'answered') return answeredAgain(deps, inv)
  const definition = await deps.meta.surveys.getVersion(inv.workspaceId, inv.surveyId, inv.version)
  if (!definition) return { state: 'invalid', errors: ['the survey of this invitation no longer exists'] }
  const checked = checkAnswers(definition, raw)
  if (checked.errors.length > 0) return { state: 'invalid', errors: checked.errors }
  if (Object.keys(checked.answers).length === 0 && checked.comment === undefined)
    return { state: 'invalid', errors: ['answers: nothing was answered'] }
  const now = options.now ?? new Date()
  const source = options.source ?? 'api'
  const startedAt = await deps.meta.surveys.startResponse(inv.id, now)
  // Cached per workspace: no settings read per response once the workspace is warm.
  const { taxonomy } = await topicTaxonomyCache(deps.meta).get(inv.workspaceId)
  const base = {
    taxonomy,
    language: options.language,
    createdAt: startedAt.getTime(),
    updatedAt: now.getTime(),
    source,
  }
  // `partial`: an auto-save of the widget; the response completes only when the visitor sends it.
  if (!checked.complete || options.partial) {
    const personId = await resolveInvitedPerson(deps, inv, source)
    await deps.responses.write([
      responseRow(inv, definition, { ...checked, complete: false }, { ...base, personId }),
    ])
    const missing = definition.questions.filter((q) => checked.answers[q.id] === undefined).map((q) => q.id)
    return { state: 'partial', responseId: inv.id, missing }
  }
  const draft = responseRow(inv, definition, checked, {
    ...base,
    personId: '00000000-0000-0000-0000-000000000000',
  })
  // The timeline event's messageId is the response's, so a retry racing this one is stored once.
  const personId = await ingestForPerson(
    deps,
    inv,
    {
      type: 'track',
      event: 'Survey Responded',
      messageId: `survey-response-${inv.id}`,
      timestamp: now.toISOString(),
      properties: {
        channel: EVENT_CHANNEL[inv.channel],
        touchpoint: inv.touchpoint ?? 'survey',
        survey_id: inv.surveyId,
        survey_version: inv.version,
        survey_name: definition.name,
        survey_channel: inv.channel,
        response_id: inv.id,
        score_type: draft.scoreType,
        score: draft.score,
        comment: draft.comment || undefined,
        sentiment: draft.sentiment,
        sentiment_label: draft.sentimentLabel || undefined,
        topics: draft.topics,
        language: options.language,
      },
    },
    source,
  )
  const row = { ...draft, personId }
  await deps.responses.write([row])
  const won = await deps.meta.surveys.completeResponse(inv.id, now)
  const opened = won ? await openCaseForResponse(deps.meta, row) : undefined
  if (won) {
    // Outbox rows for webhooks; only the call that completed the response emits (a retry does not).
    await emitWebhookEvent(deps.meta.webhooks, row.workspaceId, 'response.created', {
      response: responseEventData(row),
    })
    if (opened)
      await emitWebhookEvent(deps.meta.webhooks, row.workspaceId, 'case.opened', {
        case: caseEventData(opened),
      })
  }
  return { state: 'answered', responseId: inv.id, duplicate: !won, caseId: opened?.id }
}
