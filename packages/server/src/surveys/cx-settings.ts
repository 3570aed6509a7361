import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import {
  DEFAULT_CASE_RULES,
  DEFAULT_FATIGUE_RULE,
  type CaseRules,
  type FatigueRule,
} from '@touchstone/core/surveys'

/** Closed-loop and survey settings of a workspace (`PUT /api/surveys/settings`). */
export const CxSettings = Type.Object(
  {
    caseRules: Type.Optional(
      Type.Object(
        {
          npsAtMost: Type.Optional(Type.Integer({ minimum: -1, maximum: 10 })),
          csatAtMost: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
          cesAtLeast: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
          negativeComment: Type.Optional(Type.Boolean()),
          slaHours: Type.Optional(Type.Number({ minimum: 1, maximum: 24 * 90 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Cases are assigned round robin among these (names or e-mails of agents). */
    assignees: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 })),
    /** A touchpoint's owner gets its cases before the round robin. */
    touchpointOwners: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 200 })),
    ),
    fatigue: Type.Optional(
      Type.Object({ quietDays: Type.Integer({ minimum: 0, maximum: 365 }) }, { additionalProperties: false }),
    ),
    /** SMTP server for e-mail invitations. */
    smtp: Type.Optional(
      Type.Object(
        {
          host: Type.String({ minLength: 1, maxLength: 255 }),
          port: Type.Integer({ minimum: 1, maximum: 65535 }),
          secure: Type.Optional(Type.Boolean()),
          user: Type.Optional(Type.String({ maxLength: 255 })),
          password: Type.Optional(Type.String({ maxLength: 255 })),
          from: Type.String({ minLength: 3, maxLength: 255 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** The survey the web widget prompts for, and for what share of eligible visitors. */
    widget: Type.Optional(
      Type.Object(
        {
          // A pattern, not format: 'uuid': TypeBox's Value.Check (readCxSettings) knows no formats.
          surveyId: Type.String({
            pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
          }),
          sample: Type.Number({ minimum: 0, maximum: 1, default: 1 }),
          touchpoints: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** "After event X (on touchpoint Y), wait D, invite a sample" rules, run every minute. */
    triggers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            surveyId: Type.String({
              pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
            }),
            event: Type.String({
              minLength: 1,
              maxLength: 200,
              description: 'e.g. order_delivered, ticket_closed',
            }),
            touchpoint: Type.Optional(Type.String({ maxLength: 80 })),
            delayMinutes: Type.Integer({ minimum: 0, maximum: 43_200, default: 0 }),
            sample: Type.Number({ minimum: 0, maximum: 1, default: 1 }),
            channel: Type.Union([
              Type.Literal('email'),
              Type.Literal('link'),
              Type.Literal('sms'),
              Type.Literal('web'),
              Type.Literal('app'),
            ]),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    /** Base URL of survey links in e-mails, e.g. https://cx.example.com. */
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type CxSettings = Static<typeof CxSettings>

/** Settings as stored, with unknown or broken parts dropped rather than failing a request. */
export function readCxSettings(raw: Record<string, unknown>): CxSettings {
  return Value.Check(CxSettings, raw) ? raw : {}
}

/** The case rules in force: the workspace's changes over the defaults. */
export function caseRulesOf(settings: CxSettings): CaseRules {
  return { ...DEFAULT_CASE_RULES, ...settings.caseRules }
}

/** The fatigue rule in force. */
export function fatigueRuleOf(settings: CxSettings): FatigueRule {
  return { ...DEFAULT_FATIGUE_RULE, ...settings.fatigue }
}
