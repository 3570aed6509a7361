import type { FastifyInstance } from 'fastify'
import { randomBytes } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import { validateSurveyDefinition } from '@touchstone/core/surveys'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import { callerWith } from './api-access.ts'
import { renderSurveyPage } from './link-page.ts'
import { SurveyDefinitionSchema } from './survey-schemas.ts'

// A draft may still lack its name: the preview renders it anyway and lists it among the errors.
const DraftDefinition = Type.Object(
  { ...SurveyDefinitionSchema.properties, name: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
)

const PreviewBody = Type.Object(
  {
    definition: DraftDefinition,
    lang: Type.String({ pattern: '^[a-z]{2}$', description: 'One of the definition’s languages' }),
  },
  { additionalProperties: false },
)

/**
 * `POST /api/surveys/preview`: the hosted link page for a draft definition, exactly as `/s/:token`
 * would render it, so the builder can show it before anything is saved. Stores nothing.
 */
export function previewRoutes(deps: { keys: KeyService }) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/surveys/preview',
      {
        config: { permission: 'surveys.read' },
        schema: {
          tags: ['surveys'],
          security: [{ secretKey: [] }],
          summary: 'Render the survey link page for a draft definition (nothing is stored)',
          body: PreviewBody,
          response: {
            200: Type.Object({
              html: Type.String({ description: 'The link page; its form posts nowhere (action "#")' }),
              errors: Type.Array(Type.String(), { description: 'What would stop saving it' }),
            }),
          },
        },
      },
      async (request) => {
        await callerWith(request, deps.keys)
        const { definition, lang } = request.body as Static<typeof PreviewBody>
        if (!definition.languages.includes(lang))
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            `lang ${lang} is not one of the survey languages (${definition.languages.join(', ')})`,
          )
        // A draft is previewed even while incomplete; the builder lists what still blocks saving.
        const errors = validateSurveyDefinition(definition)
        const nonce = randomBytes(16).toString('base64')
        return { html: renderSurveyPage({ definition, lang, action: '#', nonce }), errors }
      },
    )
  }
}
