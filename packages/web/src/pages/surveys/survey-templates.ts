import type { QuestionType, SurveyDefinition, SurveyKind, SurveyQuestion } from '../../api/workflow-types.ts'

/** The survey languages the builder edits side by side. */
export const BUILDER_LANGUAGES = ['de', 'en'] as const

const SCORE_QUESTIONS: Record<Exclude<SurveyKind, 'custom'>, SurveyQuestion> = {
  nps: {
    id: 'score',
    type: 'nps',
    text: {
      de: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
      en: 'How likely are you to recommend us to a friend or colleague?',
    },
    minLabel: { de: 'sehr unwahrscheinlich', en: 'not at all likely' },
    maxLabel: { de: 'sehr wahrscheinlich', en: 'extremely likely' },
  },
  csat: {
    id: 'score',
    type: 'csat',
    text: { de: 'Wie zufrieden waren Sie insgesamt?', en: 'How satisfied were you overall?' },
    minLabel: { de: 'sehr unzufrieden', en: 'very dissatisfied' },
    maxLabel: { de: 'sehr zufrieden', en: 'very satisfied' },
  },
  ces: {
    id: 'score',
    type: 'ces',
    text: {
      de: 'Wie leicht war es, Ihr Anliegen zu erledigen?',
      en: 'How easy was it to get your issue handled?',
    },
    minLabel: { de: 'sehr schwer', en: 'very difficult' },
    maxLabel: { de: 'sehr leicht', en: 'very easy' },
  },
}

/** A new survey of `kind` with its standard score question and the "why?" follow-up. */
export function newDefinition(kind: SurveyKind): SurveyDefinition {
  const question: SurveyQuestion =
    kind === 'custom'
      ? {
          id: 'q1',
          type: 'text',
          text: { de: 'Was können wir besser machen?', en: 'What could we do better?' },
        }
      : structuredClone(SCORE_QUESTIONS[kind])
  return {
    name: '',
    kind,
    languages: [...BUILDER_LANGUAGES],
    questions: [question],
    followUp: {
      de: 'Was ist der wichtigste Grund für Ihre Bewertung?',
      en: 'What is the main reason for your score?',
    },
    thankYou: { de: 'Vielen Dank für Ihr Feedback!', en: 'Thank you for your feedback!' },
  }
}

/** A new question of `type` with an id not used yet. */
export function newQuestion(type: QuestionType, taken: string[]): SurveyQuestion {
  let n = taken.length + 1
  while (taken.includes(`q${n}`)) n++
  const base: SurveyQuestion = { id: `q${n}`, type, text: { de: '', en: '' } }
  if (type === 'single' || type === 'multiple')
    base.options = [
      { id: 'a', label: { de: '', en: '' } },
      { id: 'b', label: { de: '', en: '' } },
    ]
  if (type === 'rating') Object.assign(base, { min: 1, max: 5 })
  if (type === 'nps' || type === 'csat' || type === 'ces')
    return { ...structuredClone(SCORE_QUESTIONS[type]), id: base.id }
  return base
}

/** The score question types; a survey has at most one and it decides its kind. */
export const SCORE_TYPES: readonly QuestionType[] = ['nps', 'csat', 'ces']

/** Ten years back: "all responses" within the API's largest range. */
export const ALL_TIME_FROM = new Date(Date.now() - 3650 * 86_400_000).toISOString()
