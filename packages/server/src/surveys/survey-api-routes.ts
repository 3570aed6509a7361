import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AuditLog } from '../audit/audit-log.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { callerWith, SETTINGS_WRITERS, SURVEY_WRITERS } from './api-access.ts'
import { createSecretBox } from '../auth/secret-box.ts'
import { CxSettings, CxSettingsView, cxSettingsView, readCxSettings, sealCxSettings } from './cx-settings.ts'
import { canChangeStatus, validateSurveyDefinition, type SurveyDefinition } from '@touchstone/core/surveys'
import { CreateSurveyBody, SurveyDefinitionSchema, SurveyStatusBody, SurveyView } from './survey-schemas.ts'
import type { SurveyRecord } from './survey-store.ts'

const SurveyParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

function view(
  s: SurveyRecord,
  definition?: SurveyDefinition,
  versions?: Array<{ version: number; createdAt: Date }>,
) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    status: s.status,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...(definition ? { definition } : {}),
    ...(versions
      ? { versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })) }
      : {}),
  }
}

function checkDefinition(definition: SurveyDefinition): void {
  const errors = validateSurveyDefinition(definition)
  if (errors.length > 0) throw new TouchstoneError('TS_BAD_REQUEST', errors.join('; '), { errors })
}

/** Survey definitions and versions: `/api/surveys…` (secret key; owner/admin/analyst write). */
export function surveyApiRoutes(deps: {
  keys: KeyService
  meta: MetaStore
  secret: string
  audit?: AuditLog
}) {
  const box = createSecretBox(deps.secret)
  const store = deps.meta.surveys
  const tags = ['surveys']
  const security = [{ secretKey: [] }]

  async function load(workspaceId: string, id: string): Promise<SurveyRecord> {
    const survey = await store.getSurvey(workspaceId, id)
    if (!survey) throw new TouchstoneError('TS_NOT_FOUND', `no survey ${id} in this workspace`)
    return survey
  }

  return async (app: FastifyInstance) => {
    app.get(
      '/api/surveys',
      {
        config: { permission: 'surveys.read' },
        schema: {
          tags,
          security,
          summary: 'List surveys',
          response: { 200: Type.Object({ items: Type.Array(SurveyView) }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        return { items: (await store.listSurveys(workspaceId)).map((s) => view(s)) }
      },
    )

    app.post(
      '/api/surveys',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Create a survey (NPS, CSAT, CES or custom), as a draft or live',
          body: CreateSurveyBody,
          response: { 201: SurveyView },
        },
      },
      async (request, reply) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'creating a survey')
        const { status = 'draft', ...definition } = request.body as Static<typeof CreateSurveyBody>
        checkDefinition(definition)
        const survey = await store.createSurvey(workspaceId, definition, status)
        return reply.status(201).send(view(survey, definition, [{ version: 1, createdAt: survey.createdAt }]))
      },
    )

    app.get(
      '/api/surveys/:id',
      {
        config: { permission: 'surveys.read' },
        schema: {
          tags,
          security,
          summary: 'A survey with its current definition and versions',
          params: SurveyParams,
          response: { 200: SurveyView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const survey = await load(workspaceId, (request.params as { id: string }).id)
        const [definition, versions] = await Promise.all([
          store.getVersion(workspaceId, survey.id, survey.version),
          store.listVersions(workspaceId, survey.id),
        ])
        return view(survey, definition, versions)
      },
    )

    app.get(
      '/api/surveys/:id/versions/:version',
      {
        config: { permission: 'surveys.read' },
        schema: {
          tags,
          security,
          summary: 'One version of a survey, as responses given under it saw it',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) }),
          response: { 200: Type.Object({ version: Type.Integer(), definition: SurveyDefinitionSchema }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const { id, version } = request.params as { id: string; version: number }
        const definition = await store.getVersion(workspaceId, id, version)
        if (!definition) throw new TouchstoneError('TS_NOT_FOUND', `survey ${id} has no version ${version}`)
        return { version, definition }
      },
    )

    app.put(
      '/api/surveys/:id',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Edit a survey: a draft is changed in place, a live survey gets a new version',
          params: SurveyParams,
          body: SurveyDefinitionSchema,
          response: { 200: SurveyView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'editing a survey')
        const { id } = request.params as { id: string }
        const definition = request.body as SurveyDefinition
        checkDefinition(definition)
        const current = await load(workspaceId, id)
        if (current.kind !== definition.kind)
          throw new TouchstoneError(
            'TS_CONFLICT',
            `a ${current.kind} survey cannot become ${definition.kind}; create a new survey`,
          )
        const updated = await store.updateDefinition(workspaceId, id, definition)
        if (!updated) throw new TouchstoneError('TS_NOT_FOUND', `no survey ${id} in this workspace`)
        return view(updated, definition, await store.listVersions(workspaceId, id))
      },
    )

    app.patch(
      '/api/surveys/:id',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Publish (live), archive or restore a survey',
          params: SurveyParams,
          body: SurveyStatusBody,
          response: { 200: SurveyView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'changing a survey')
        const { id } = request.params as { id: string }
        const { status } = request.body as Static<typeof SurveyStatusBody>
        const current = await load(workspaceId, id)
        if (!canChangeStatus(current.status, status) || (status === 'draft' && current.wasLive))
          throw new TouchstoneError('TS_CONFLICT', `a ${current.status} survey cannot go back to draft`)
        return view((await store.setStatus(workspaceId, id, status))!)
      },
    )

    app.delete(
      '/api/surveys/:id',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Archive a survey (responses and versions are kept; links stop accepting answers)',
          params: SurveyParams,
          response: { 200: SurveyView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'archiving a survey')
        const { id } = request.params as { id: string }
        await load(workspaceId, id)
        return view((await store.setStatus(workspaceId, id, 'archived'))!)
      },
    )

    app.get(
      '/api/survey-settings',
      {
        config: { permission: 'settings.read' },
        schema: {
          tags,
          security,
          summary: 'Case rules, assignees, fatigue, SMTP (without its password) and closed-loop settings',
          response: { 200: CxSettingsView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(
          request,
          deps.keys,
          SETTINGS_WRITERS,
          'reading survey settings',
        )
        return cxSettingsView(readCxSettings(await store.getSettings(workspaceId)))
      },
    )

    app.put(
      '/api/survey-settings',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary:
            'Replace the settings; smtp.password is write-only (omit it to keep the stored one, "" removes it)',
          body: CxSettings,
          response: { 200: CxSettingsView },
        },
      },
      async (request) => {
        const caller = await callerWith(request, deps.keys, SETTINGS_WRITERS, 'changing survey settings')
        const { workspaceId } = caller
        const previous = readCxSettings(await store.getSettings(workspaceId))
        const settings = sealCxSettings(request.body as CxSettings, previous, box)
        await store.putSettings(workspaceId, settings)
        // Names of the changed sections only: values may hold credentials.
        const changed = [...new Set([...Object.keys(previous), ...Object.keys(settings)])].filter(
          (k) =>
            JSON.stringify((previous as Record<string, unknown>)[k]) !==
            JSON.stringify((settings as Record<string, unknown>)[k]),
        )
        if (changed.length > 0)
          await deps.audit?.record({ ...caller, ip: request.ip }, 'settings.changed', 'survey-settings', {
            changed,
          })
        return cxSettingsView(settings)
      },
    )
  }
}
