// The vocabulary of surveys: kinds, questions, localized texts. Plain types so packages/core stays
// free of any schema library; the server's TypeBox schemas are checked against these.

/** The standard survey kinds plus `custom` (any mix of questions). */
export const SURVEY_KINDS = ['nps', 'csat', 'ces', 'custom'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]

/** Question types. `nps`/`csat`/`ces` are the standard score questions (0–10, 1–5, 1–7). */
export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'single', 'multiple', 'text'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** Languages every survey text must have; more may be added per survey. */
export const REQUIRED_LANGUAGES = ['de', 'en'] as const

/** A text per language, e.g. `{ de: 'Wie wahrscheinlich …', en: 'How likely …' }`. */
export type LocalizedText = Record<string, string>

/** One answer option of a choice question. */
export interface ChoiceOption {
  id: string
  label: LocalizedText
}

/** One question of a survey. */
export interface SurveyQuestion {
  id: string
  type: QuestionType
  text: LocalizedText
  required?: boolean
  /** Choice questions only. */
  options?: ChoiceOption[]
  /** Rating questions only: the scale (defaults 1–5). */
  min?: number
  max?: number
  /** Labels of the scale ends, e.g. "not at all likely" / "extremely likely". */
  minLabel?: LocalizedText
  maxLabel?: LocalizedText
}

/** What a survey asks, in every language; one immutable version of it is stored per edit. */
export interface SurveyDefinition {
  name: string
  kind: SurveyKind
  /** Languages the survey is offered in; must include de and en. */
  languages: string[]
  /** Shown above the questions. */
  intro?: LocalizedText
  questions: SurveyQuestion[]
  /** The optional "why?" free text after the score; answered as `comment`. */
  followUp?: LocalizedText
  thankYou?: LocalizedText
}

/** An answer value: a number (scores, ratings), an option id, option ids, or text. */
export type AnswerValue = number | string | string[]

/** The channel a survey was distributed through. */
export const SURVEY_CHANNELS = ['link', 'email', 'sms', 'phone-agent', 'web', 'app'] as const
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number]
