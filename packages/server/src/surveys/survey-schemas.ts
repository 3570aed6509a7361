import { Type, type Static } from '@sinclair/typebox'
import {
  QUESTION_TYPES,
  SURVEY_CHANNELS,
  SURVEY_KINDS,
  SURVEY_STATUSES,
  type SurveyDefinition,
} from '@touchstone/core/surveys'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))

/** A text per language: `{ "de": "…", "en": "…" }`. */
export const LocalizedText = Type.Record(
  Type.String({ pattern: '^[a-z]{2}$' }),
  Type.String({ maxLength: 1000 }),
  {
    description: 'Text per two-letter language code; de and en are required',
  },
)

const Id = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,39}$',
  description: 'lower-case id, 1–40 characters',
})

export const SurveyQuestionSchema = Type.Object(
  {
    id: Id,
    type: literals(QUESTION_TYPES),
    text: LocalizedText,
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Type.Object({ id: Id, label: LocalizedText }), { maxItems: 30 })),
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    max: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    minLabel: Type.Optional(LocalizedText),
    maxLabel: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)

/** A survey definition as the API takes it; cross-field rules: validateSurveyDefinition. */
export const SurveyDefinitionSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: literals(SURVEY_KINDS),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), {
      minItems: 2,
      maxItems: 20,
      default: ['de', 'en'],
    }),
    intro: Type.Optional(LocalizedText),
    questions: Type.Array(SurveyQuestionSchema, { minItems: 1, maxItems: 50 }),
    followUp: Type.Optional(LocalizedText),
    thankYou: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)

// The API schema and the core type must describe the same thing.
const _sameShape: SurveyDefinition = {} as Static<typeof SurveyDefinitionSchema>
void _sameShape

export const CreateSurveyBody = Type.Composite([
  SurveyDefinitionSchema,
  Type.Object({ status: Type.Optional(literals(['draft', 'live'] as const)) }),
])

export const SurveyStatusBody = Type.Object(
  { status: literals(SURVEY_STATUSES) },
  { additionalProperties: false },
)

export const SurveyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  version: Type.Integer({ description: 'The version new invitations use' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  definition: Type.Optional(SurveyDefinitionSchema),
  versions: Type.Optional(Type.Array(Type.Object({ version: Type.Integer(), createdAt: Type.String() }))),
})

export const Recipient = Type.Object(
  {
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    anonymousId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    touchpoint: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' })),
    stage: Type.Optional(Type.String({ maxLength: 40 })),
    trigger: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'e.g. order_delivered:o-17; one invitation per person and trigger',
      }),
    ),
  },
  { additionalProperties: false },
)

export const CreateInvitationsBody = Type.Object(
  {
    channel: literals(SURVEY_CHANNELS),
    recipients: Type.Array(Recipient, { minItems: 1, maxItems: 1000 }),
    respectFatigue: Type.Boolean({
      default: true,
      description: 'Skip persons invited within the quiet days',
    }),
    send: Type.Boolean({ default: true, description: 'E-mail: send now through the workspace SMTP server' }),
  },
  { additionalProperties: false },
)

export const InvitationView = Type.Object({
  id: Type.String(),
  surveyId: Type.String(),
  version: Type.Integer(),
  channel: Type.String(),
  status: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  touchpoint: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  url: Type.String({ description: 'The survey link (/s/:token)' }),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
})

export const AnswerBody = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Union([
        Type.Number(),
        Type.String({ maxLength: 5000 }),
        Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
      ]),
    ),
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
  },
  { additionalProperties: false },
)
export type AnswerBody = Static<typeof AnswerBody>
