import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { SecretBox } from '../auth/secret-box.ts'
import { TouchstoneError } from '../errors.ts'
import {
  DEFAULT_CASE_RULES,
  DEFAULT_FATIGUE_RULE,
  type CaseRules,
  type FatigueRule,
} from '@touchstone/core/surveys'

/**
 * The SMTP server of e-mail invitations. `password` is stored sealed (auth/secret-box.ts) and
 * never shown; a PUT without it keeps the stored one, an empty string removes it.
 */
export const SmtpSettings = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Optional(Type.Boolean()),
    user: Type.Optional(Type.String({ maxLength: 255 })),
    // Room for a sealed value: a typed password is limited to 255 characters in sealCxSettings,
    // and sealed (up to 4 UTF-8 bytes each, plus IV and tag, in base64url) it stays below 1,500.
    password: Type.Optional(Type.String({ maxLength: 1500 })),
    from: Type.String({ minLength: 3, maxLength: 255 }),
  },
  { additionalProperties: false },
)

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
    smtp: Type.Optional(SmtpSettings),
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
    /** Closing the loop: resolving a case invites its person to a follow-up survey. */
    closedLoop: Type.Optional(
      Type.Object(
        {
          followUpSurveyId: Type.String({
            pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
          }),
          /** Hours between resolving the case and the invitation (0: at once). */
          followUpDelayHours: Type.Optional(Type.Number({ minimum: 0, maximum: 24 * 30 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CxSettings = Static<typeof CxSettings>

/** The settings as the API shows them: the SMTP password never leaves the server. */
export const CxSettingsView = Type.Composite([
  Type.Omit(CxSettings, ['smtp']),
  Type.Object({
    smtp: Type.Optional(
      Type.Composite([Type.Omit(SmtpSettings, ['password']), Type.Object({ passwordSet: Type.Boolean() })]),
    ),
  }),
])

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

const MAX_SMTP_PASSWORD = 255

/** What the API shows of stored settings: everything but the SMTP password, which is `passwordSet`. */
export function cxSettingsView(settings: CxSettings): Static<typeof CxSettingsView> {
  const { smtp: stored, ...rest } = settings
  if (!stored) return rest
  const { password, ...smtp } = stored
  return { ...rest, smtp: { ...smtp, passwordSet: Boolean(password) } }
}

/**
 * The settings to store from a PUT: a new SMTP password is sealed; none (or the old mask
 * `********`) keeps the stored one, sealed now if it was legacy plain text; `""` removes it.
 */
export function sealCxSettings(next: CxSettings, previous: CxSettings, box: SecretBox): CxSettings {
  if (!next.smtp) return next
  const { password: given, ...smtp } = next.smtp
  // A password typed now is always sealed, even one that happens to start with the prefix.
  if (given !== undefined && given.length > MAX_SMTP_PASSWORD)
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `smtp.password: at most ${MAX_SMTP_PASSWORD} characters, got ${given.length}`,
    )
  if (given !== undefined && given !== '********')
    return given ? { ...next, smtp: { ...smtp, password: box.seal(given) } } : { ...next, smtp }
  const kept = previous.smtp?.password
  if (!kept) return { ...next, smtp }
  return { ...next, smtp: { ...smtp, password: box.isSealed(kept) ? kept : box.seal(kept) } }
}
