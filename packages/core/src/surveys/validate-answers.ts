import type { AnswerValue, SurveyDefinition, SurveyQuestion } from './survey-types.ts'
import { isScoreType, SCORE_SCALES, scoreQuestion, type ScoreType } from './validate-survey.ts'

/** Longest free-text answer kept (longer ones are refused, not cut, so nothing is lost silently). */
export const MAX_TEXT_ANSWER = 5000

/** Answers checked against a survey version: normalised values, the score and the comment. */
export interface CheckedAnswers {
  answers: Record<string, AnswerValue>
  score: number | undefined
  scoreType: ScoreType | undefined
  /** The "why?" follow-up text. */
  comment: string | undefined
  /** Every required question (and the score) is answered. */
  complete: boolean
  errors: string[]
}

function scaleOf(q: SurveyQuestion): { min: number; max: number } {
  return isScoreType(q.type) ? SCORE_SCALES[q.type] : { min: q.min ?? 1, max: q.max ?? 5 }
}

function toInteger(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw
  if (typeof raw === 'string' && /^-?\d{1,3}$/.test(raw.trim())) return Number(raw.trim())
  return undefined
}

function isEmpty(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  )
}

function checkOne(q: SurveyQuestion, raw: unknown): { value?: AnswerValue; error?: string } {
  const where = `answers.${q.id}`
  switch (q.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating': {
      const { min, max } = scaleOf(q)
      const n = toInteger(raw)
      if (n === undefined || !Number.isInteger(n) || n < min || n > max)
        return { error: `${where}: must be a whole number from ${min} to ${max}` }
      return { value: n }
    }
    case 'single': {
      const ids = (q.options ?? []).map((o) => o.id)
      if (typeof raw !== 'string' || !ids.includes(raw))
        return { error: `${where}: must be one of ${ids.join(', ')}` }
      return { value: raw }
    }
    case 'multiple': {
      const ids = (q.options ?? []).map((o) => o.id)
      const values = Array.isArray(raw) ? raw : [raw]
      const bad = values.find((v) => typeof v !== 'string' || !ids.includes(v))
      if (bad !== undefined)
        return { error: `${where}: ${JSON.stringify(bad)} is not one of ${ids.join(', ')}` }
      return { value: [...new Set(values as string[])] }
    }
    case 'text': {
      if (typeof raw !== 'string') return { error: `${where}: must be text` }
      if (raw.length > MAX_TEXT_ANSWER)
        return { error: `${where}: longer than ${MAX_TEXT_ANSWER} characters` }
      return { value: raw.trim() }
    }
  }
}

/**
 * Checks submitted answers (JSON or form fields) against one survey version. Empty answers are
 * skipped, so a partial response is valid; `complete` says whether every required question
 * and the score are answered. Unknown question ids are errors (a stale form of an old version).
 * @example checkAnswers(npsSurvey, { score: '9', comment: 'Schnelle Lieferung' }).score → 9
 */
export function checkAnswers(definition: SurveyDefinition, raw: Record<string, unknown>): CheckedAnswers {
  const errors: string[] = []
  const answers: Record<string, AnswerValue> = {}
  const byId = new Map(definition.questions.map((q) => [q.id, q]))
  let comment: string | undefined
  for (const [id, value] of Object.entries(raw)) {
    if (isEmpty(value)) continue
    if (id === 'comment') {
      if (typeof value !== 'string') errors.push('answers.comment: must be text')
      else if (value.length > MAX_TEXT_ANSWER)
        errors.push(`answers.comment: longer than ${MAX_TEXT_ANSWER} characters`)
      else comment = value.trim()
      continue
    }
    const q = byId.get(id)
    if (!q) {
      errors.push(`answers.${id}: the survey has no such question`)
      continue
    }
    const checked = checkOne(q, value)
    if (checked.error) errors.push(checked.error)
    else if (checked.value !== undefined) answers[id] = checked.value
  }
  const sq = scoreQuestion(definition)
  const scoreValue = sq ? answers[sq.id] : undefined
  const complete = definition.questions.every(
    (q) => !(q.required || isScoreType(q.type)) || answers[q.id] !== undefined,
  )
  return {
    answers,
    score: typeof scoreValue === 'number' ? scoreValue : undefined,
    scoreType: sq?.type,
    comment: comment === '' ? undefined : comment,
    complete,
    errors,
  }
}
