import {
  QUESTION_TYPES,
  REQUIRED_LANGUAGES,
  SURVEY_KINDS,
  type LocalizedText,
  type QuestionType,
  type SurveyDefinition,
  type SurveyQuestion,
} from './survey-types.ts'

/** Question types that yield the survey's score (one per survey at most). */
export const SCORE_QUESTION_TYPES = ['nps', 'csat', 'ces'] as const satisfies readonly QuestionType[]
export type ScoreType = (typeof SCORE_QUESTION_TYPES)[number]

/** The scale of each score type: NPS 0–10, CSAT 1–5, CES 1–7. */
export const SCORE_SCALES: Record<ScoreType, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
}

const ID = /^[a-z0-9][a-z0-9_-]{0,39}$/
const MAX_TEXT = 1000

/** True for the question types that produce the survey's score. */
export function isScoreType(type: string): type is ScoreType {
  return (SCORE_QUESTION_TYPES as readonly string[]).includes(type)
}

/** The question holding the survey's score (NPS, CSAT or CES), if it has one. */
export function scoreQuestion(
  definition: SurveyDefinition,
): (SurveyQuestion & { type: ScoreType }) | undefined {
  return definition.questions.find((q): q is SurveyQuestion & { type: ScoreType } => isScoreType(q.type))
}

function checkText(
  errors: string[],
  path: string,
  text: LocalizedText | undefined,
  languages: string[],
  required: boolean,
): void {
  if (text === undefined) {
    if (required) errors.push(`${path}: a text is required`)
    return
  }
  for (const lang of languages) {
    const value = text[lang]
    if (typeof value !== 'string' || value.trim() === '') errors.push(`${path}.${lang}: the text is missing`)
    else if (value.length > MAX_TEXT) errors.push(`${path}.${lang}: longer than ${MAX_TEXT} characters`)
  }
}

function checkQuestion(errors: string[], q: SurveyQuestion, i: number, languages: string[]): void {
  const path = `questions[${i}]`
  if (!ID.test(q.id)) errors.push(`${path}.id: use 1–40 lower-case letters, digits, "-" or "_"`)
  if (q.id === 'comment') errors.push(`${path}.id: "comment" is reserved for the follow-up answer`)
  if (!(QUESTION_TYPES as readonly string[]).includes(q.type))
    errors.push(`${path}.type: must be one of ${QUESTION_TYPES.join(', ')}`)
  checkText(errors, `${path}.text`, q.text, languages, true)
  checkText(errors, `${path}.minLabel`, q.minLabel, languages, false)
  checkText(errors, `${path}.maxLabel`, q.maxLabel, languages, false)
  const choice = q.type === 'single' || q.type === 'multiple'
  if (choice) {
    const options = q.options ?? []
    if (options.length < 2 || options.length > 30) errors.push(`${path}.options: give 2–30 options`)
    const ids = new Set<string>()
    options.forEach((o, j) => {
      if (!ID.test(o.id))
        errors.push(`${path}.options[${j}].id: use 1–40 lower-case letters, digits, "-" or "_"`)
      if (ids.has(o.id)) errors.push(`${path}.options[${j}].id: "${o.id}" is used twice`)
      ids.add(o.id)
      checkText(errors, `${path}.options[${j}].label`, o.label, languages, true)
    })
  } else if (q.options !== undefined) {
    errors.push(`${path}.options: only single and multiple choice questions have options`)
  }
  if (q.type === 'rating') {
    const min = q.min ?? 1
    const max = q.max ?? 5
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > 10 || min >= max)
      errors.push(`${path}: a rating scale needs integers 0 ≤ min < max ≤ 10`)
  } else if (q.min !== undefined || q.max !== undefined) {
    errors.push(`${path}: only rating questions take min/max (score scales are fixed)`)
  }
}

/**
 * Cross-field rules of a survey definition that a JSON schema cannot say: texts in every
 * language, unique ids, one score question matching the kind. Returns readable errors (empty: valid).
 */
export function validateSurveyDefinition(definition: SurveyDefinition): string[] {
  const errors: string[] = []
  if (definition.name.trim() === '') errors.push('name: must not be empty')
  if (!(SURVEY_KINDS as readonly string[]).includes(definition.kind))
    errors.push(`kind: must be one of ${SURVEY_KINDS.join(', ')}`)
  const languages = definition.languages
  for (const lang of REQUIRED_LANGUAGES)
    if (!languages.includes(lang)) errors.push(`languages: must include "${lang}"`)
  if (new Set(languages).size !== languages.length) errors.push('languages: a language is listed twice')
  for (const lang of languages)
    if (!/^[a-z]{2}$/.test(lang)) errors.push(`languages: "${lang}" is not a two-letter language code`)
  if (definition.questions.length === 0 || definition.questions.length > 50)
    errors.push('questions: give 1–50 questions')
  const ids = new Set<string>()
  definition.questions.forEach((q, i) => {
    if (ids.has(q.id)) errors.push(`questions[${i}].id: "${q.id}" is used twice`)
    ids.add(q.id)
    checkQuestion(errors, q, i, languages)
  })
  const scores = definition.questions.filter((q) => isScoreType(q.type))
  if (scores.length > 1) errors.push('questions: a survey has at most one NPS, CSAT or CES question')
  if (definition.kind !== 'custom' && scores[0]?.type !== definition.kind)
    errors.push(
      `questions: a ${definition.kind.toUpperCase()} survey needs one "${definition.kind}" question`,
    )
  checkText(errors, 'intro', definition.intro, languages, false)
  checkText(errors, 'followUp', definition.followUp, languages, false)
  checkText(errors, 'thankYou', definition.thankYou, languages, false)
  return errors
}
